package dev.tidings.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an input into text, refusing what is not text. The order of trust: a byte-order mark,
 * then (for HTML) the charset the page declares, then strict UTF-8, then windows-1252, which decodes any
 * byte and is what mislabelled Western pages nearly always are.
 */
final class InputDecoder {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int SNIFF_BYTES = 8192;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private InputDecoder() {
    }

    /** Decodes {@code bytes}; {@code html} lets a {@code <meta charset>} declaration decide before UTF-8 is tried. */
    static String decode(byte[] bytes, String name, boolean html) throws IngestException {
        if (bytes.length == 0) {
            throw new IngestException(name + " is empty");
        }
        if (bytes.length > ArticleReader.MAX_BYTES) {
            throw tooLarge(name, bytes.length);
        }
        String text = decodeByBom(bytes).orElse(null);
        if (text == null) {
            refuseBinary(bytes, name);
            if (html) {
                text = declaredCharset(bytes).flatMap(cs -> strict(bytes, cs)).orElse(null);
            }
            if (text == null) {
                text = strict(bytes, StandardCharsets.UTF_8).orElseGet(() -> new String(bytes, WINDOWS_1252));
            }
        }
        if (text.isBlank()) {
            throw new IngestException(name + " is empty");
        }
        return text;
    }

    static IngestException tooLarge(String name, long size) {
        return new IngestException(String.format(Locale.ROOT, "%s is too large (%.1f MB; the limit is %d MB)",
                name, size / 1048576.0, ArticleReader.MAX_BYTES / 1048576));
    }

    /** Text that contains NUL characters or many control characters is not an article, whatever its name. */
    static void refuseBinaryText(String text, String name) throws IngestException {
        int sample = Math.min(text.length(), SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw notText(name);
            }
            if (isSuspiciousControl(c)) {
                control++;
            }
        }
        if (sample > 0 && control * 10 > sample) {
            throw notText(name);
        }
    }

    private static void refuseBinary(byte[] bytes, String name) throws IngestException {
        int sample = Math.min(bytes.length, SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                throw notText(name);
            }
            if (isSuspiciousControl((char) b)) {
                control++;
            }
        }
        if (control * 10 > sample) {
            throw notText(name);
        }
    }

    private static boolean isSuspiciousControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7f;
    }

    private static IngestException notText(String name) {
        return new IngestException(name + " is not text (it looks binary)");
    }

    private static Optional<String> decodeByBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return Optional.of(new String(b, 3, b.length - 3, StandardCharsets.UTF_8));
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return Optional.of(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE));
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return Optional.of(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE));
        }
        return Optional.empty();
    }

    private static Optional<Charset> declaredCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            Charset cs = Charset.forName(m.group(1).trim());
            // Pages that declare Latin-1 mean windows-1252 (the HTML standard says so too).
            if (cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII)) {
                return Optional.of(WINDOWS_1252);
            }
            // A UTF-16 declaration in bytes we could read as ASCII is a lie; UTF-8 will be tried next.
            if (cs.name().startsWith("UTF-16")) {
                return Optional.empty();
            }
            return Optional.of(cs);
        } catch (IllegalArgumentException unknownCharset) {
            return Optional.empty();
        }
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
