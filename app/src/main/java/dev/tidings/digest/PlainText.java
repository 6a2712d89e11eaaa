package dev.tidings.digest;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a text/plain body that reads well on its own: paragraphs wrapped at {@value #WIDTH} columns, a
 * word longer than that (a URL) kept whole on its own line so that it stays clickable. Not thread-safe;
 * one per body.
 */
final class PlainText {
    static final int WIDTH = 78;

    private final StringBuilder out = new StringBuilder();

    /** A line as is (a URL, a rule, the {@code "-- "} signature separator); it is not wrapped. */
    PlainText line(String line) {
        out.append(line).append('\n');
        return this;
    }

    /** Text already laid out by another PlainText ({@link #laidOut}), appended as it is. */
    PlainText laidOut(String text) {
        out.append(text);
        return this;
    }

    /** The text so far, as laid out: without the trimming of {@link #toString}. */
    String laidOut() {
        return out.toString();
    }

    /** One empty line, unless the text is empty or already ends with one. */
    PlainText blank() {
        int n = out.length();
        if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
            out.append('\n');
        }
        return this;
    }

    /** A paragraph wrapped at the width; the first line starts with {@code first}, the others with {@code indent}. */
    PlainText wrapped(String text, String first, String indent) {
        wrap(text, first, indent).forEach(this::line);
        return this;
    }

    PlainText wrapped(String text) {
        return wrapped(text, "", "");
    }

    /** A heading underlined with {@code =}, as plain-text mail has long done. */
    PlainText heading(String text) {
        List<String> lines = wrap(text, "", "");
        lines.forEach(this::line);
        int longest = lines.stream().mapToInt(PlainText::width).max().orElse(0);
        return line("=".repeat(Math.min(Math.max(longest, 3), WIDTH)));
    }

    static List<String> wrap(String text, String first, String indent) {
        List<String> lines = new ArrayList<>();
        String prefix = first;
        StringBuilder line = new StringBuilder();
        for (String word : words(text)) {
            if (line.length() > 0 && width(prefix) + width(line) + 1 + width(word) > WIDTH) {
                lines.add(prefix + line);
                line.setLength(0);
                prefix = indent;
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(prefix + line);
        }
        return lines;
    }

    /** The words between runs of white space, as {@code strip().split("\\s+")} gives them but without a regex. */
    private static List<String> words(String text) {
        String s = text.strip();
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || MailFormat.isSpace(s.charAt(i));
            if (space && start >= 0) {
                words.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static int width(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    @Override
    public String toString() {
        String text = out.toString();
        while (text.endsWith("\n\n")) text = text.substring(0, text.length() - 1);
        return text.endsWith("\n") ? text : text + "\n";
    }
}
