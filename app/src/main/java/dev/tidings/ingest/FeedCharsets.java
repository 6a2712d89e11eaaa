package dev.tidings.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a feed's bytes. The order follows what is most often right on the real web: a byte-order
 * mark; then the HTTP header's charset, the XML declaration's encoding and UTF-8, each only when the bytes
 * decode cleanly in it (servers and feeds often lie); finally windows-1252, which decodes anything.
 */
final class FeedCharsets {
    private static final Pattern HEADER_CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private FeedCharsets() {
    }

    static String decode(byte[] b, String contentType, String origin) throws IngestException {
        String text = bom(b);
        if (text == null) {
            InputDecoder.refuseBinaryText(new String(b, 0, Math.min(b.length, 8192), StandardCharsets.ISO_8859_1), origin);
            text = charset(contentType == null ? null : match(HEADER_CHARSET, contentType)).flatMap(cs -> strict(b, cs))
                    .or(() -> charset(FeedReader.declaredEncoding(new String(b, 0, Math.min(b.length, 512),
                            StandardCharsets.ISO_8859_1))).flatMap(cs -> strict(b, cs)))
                    .or(() -> strict(b, StandardCharsets.UTF_8))
                    .orElseGet(() -> new String(b, WINDOWS_1252));
        }
        if (text.isBlank()) throw new IngestException(origin + " is empty");
        return text;
    }

    private static String bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        return null;
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static Optional<Charset> charset(String name) {
        if (name == null) return Optional.empty();
        try {
            Charset cs = Charset.forName(name.trim());
            // Latin-1 declarations mean windows-1252 in practice; a UTF-16 declaration on bytes without a BOM
            // that we could read as ASCII is a lie.
            if (cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII)) return Optional.of(WINDOWS_1252);
            if (cs.name().toUpperCase(Locale.ROOT).startsWith("UTF-16")) return Optional.empty();
            return Optional.of(cs);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
