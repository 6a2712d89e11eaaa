package dev.tidings.normalize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whitespace and punctuation clean-up of one paragraph: Unicode NFC, every kind of space to a plain space,
 * runs collapsed, control and zero-width characters removed, no space before a closing punctuation mark
 * ({@code says .} becomes {@code says.}) while {@code . . .} ellipses keep their spaces. Line breaks inside a
 * paragraph (list items) are kept as single newlines.
 */
final class TextCleaner {
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t\\x0B\\f]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n]]");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(
            "(?<=[\\p{L}\\p{N}’”\"')\\]]) +([.,;:!?])(?=[\\s’”\"')\\]]|$)");

    private TextCleaner() {
    }

    /** Splits text into cleaned, non-empty paragraphs (separated in the input by one or more blank lines). */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n[\\p{Zs}\\t]*\n\\s*")) {
            String p = clean(raw);
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Cleans one paragraph. */
    static String clean(String paragraph) {
        String s = Normalizer.normalize(paragraph, Normalizer.Form.NFC);
        s = s.replace('\u2028', '\n').replace('\u2029', '\n');
        s = INVISIBLE.matcher(s).replaceAll(m -> m.group().equals("\u00AD") || m.group().equals("\u200B")
                || m.group().equals("\uFEFF") || m.group().equals("\u200D") || m.group().equals("\u200C")
                ? "" : " ");
        s = SPACES.matcher(s).replaceAll(" ");
        StringBuilder lines = new StringBuilder();
        for (String line : s.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            l = SPACE_BEFORE_PUNCTUATION.matcher(l).replaceAll("$1");
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(l);
        }
        return lines.toString();
    }
}
