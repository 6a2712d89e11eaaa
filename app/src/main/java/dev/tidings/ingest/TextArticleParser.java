package dev.tidings.ingest;

import dev.tidings.model.Published;
import dev.tidings.model.Submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-text or Markdown article: optional header lines ({@code key value} or {@code key: value}) at
 * the top, then paragraphs separated by blank lines. Hard-wrapped lines are joined; Markdown markup is reduced
 * to its text (a leading {@code # Heading} becomes the title when none was given, list items stay lines).
 */
final class TextArticleParser {
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(date|title|url|source|author|language|lang)(\\s*:\\s*|\\s+)(\\S.*?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LANGUAGE_CODE = Pattern.compile("(?i)[a-z]{2,3}([-_][a-z0-9]{2,8})*");
    private static final Pattern ATX_HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)(\\s+#+)?\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern QUOTE_MARKER = Pattern.compile("^\\s{0,3}>\\s?");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");
    private static final Pattern LINK_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*\\S+.*$");

    private TextArticleParser() {
    }

    static Submission parse(String content, String origin) throws IngestException {
        return parse(content, origin, true);
    }

    /** Reads text that has no header lines (the {@code text} of a JSON article): a {@code date} line is body. */
    static Submission parseBody(String content, String origin) throws IngestException {
        return parse(content, origin, false);
    }

    private static Submission parse(String content, String origin, boolean withHeaders) throws IngestException {
        List<String> lines = List.of(content.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n')
                .split("\n", -1));
        Headers headers = new Headers();
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        String lead = null;
        for (; withHeaders && i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                break;
            }
            Optional<String> rest = headers.accept(line, origin);
            if (rest == null) {
                break;
            }
            if (rest.isPresent()) {
                lead = rest.get();
            }
        }
        List<String> body = new ArrayList<>(lines.subList(Math.min(i, lines.size()), lines.size()));
        List<String> paragraphs = new ArrayList<>();
        if (lead != null) {
            paragraphs.add(inline(lead));
        }
        String title = headers.title;
        if (title == null) {
            int first = 0;
            while (first < body.size() && body.get(first).isBlank()) {
                first++;
            }
            if (first < body.size()) {
                Matcher heading = ATX_HEADING.matcher(body.get(first));
                if (heading.matches() && heading.group(1).length() == 1) {
                    title = inline(heading.group(2));
                    body = new ArrayList<>(body.subList(first + 1, body.size()));
                }
            }
        }
        paragraphs.addAll(paragraphs(body));
        if (paragraphs.isEmpty()) {
            throw new IngestException(origin + " has no article text");
        }
        return new Submission(origin, blankToNull(title), headers.published, headers.url, headers.source,
                headers.author, headers.language, String.join("\n\n", paragraphs), List.of());
    }

    /** Splits body lines into paragraphs: blank lines separate, wrapped lines join, list items stay lines. */
    private static List<String> paragraphs(List<String> lines) {
        List<String> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (FENCE.matcher(raw).matches()) {
                inFence = !inFence;
                flush(paragraphs, current, line);
                continue;
            }
            if (inFence) {
                if (!raw.isBlank()) {
                    endLine(current, line);
                    line.append(raw.strip());
                }
                continue;
            }
            String text = QUOTE_MARKER.matcher(raw).replaceFirst("");
            if (text.isBlank()) {
                flush(paragraphs, current, line);
                continue;
            }
            Matcher heading = ATX_HEADING.matcher(text);
            if (heading.matches()) {
                flush(paragraphs, current, line);
                line.append(heading.group(2));
                flush(paragraphs, current, line);
                continue;
            }
            if (SETEXT_UNDERLINE.matcher(text).matches() && (line.length() > 0 && current.isEmpty())) {
                // the line above was a heading: keep it as a paragraph of its own
                flush(paragraphs, current, line);
                continue;
            }
            if (RULE.matcher(text).matches() || LINK_DEFINITION.matcher(text).matches()) {
                flush(paragraphs, current, line);
                continue;
            }
            Matcher item = LIST_ITEM.matcher(text);
            if (item.matches()) {
                endLine(current, line);
                line.append(item.group(1).strip());
                continue;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(text.strip());
        }
        flush(paragraphs, current, line);
        return paragraphs;
    }

    private static void endLine(List<String> current, StringBuilder line) {
        if (line.length() > 0) {
            String text = inline(line.toString());
            if (!text.isBlank()) {
                current.add(text);
            }
            line.setLength(0);
        }
    }

    private static void flush(List<String> paragraphs, List<String> current, StringBuilder line) {
        endLine(current, line);
        if (!current.isEmpty()) {
            paragraphs.add(String.join("\n", current));
            current.clear();
        }
    }

    /** Markdown inline markup reduced to its text: links to their words, images and emphasis marks dropped. */
    static String inline(String text) {
        String t = text;
        t = t.replaceAll("!\\[[^\\]]*\\]\\([^)]*\\)", "");
        t = t.replaceAll("!\\[[^\\]]*\\]\\[[^\\]]*\\]", "");
        t = t.replaceAll("\\[([^\\]]+)\\]\\([^)]*\\)", "$1");
        t = t.replaceAll("\\[([^\\]]+)\\]\\[[^\\]]*\\]", "$1");
        t = t.replaceAll("<((?:https?|mailto):[^>\\s]+)>", "$1");
        t = t.replaceAll("`([^`]+)`", "$1");
        t = t.replaceAll("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*", "$1");
        t = t.replaceAll("(?<!\\w)__(?=\\S)(.+?)(?<=\\S)__(?!\\w)", "$1");
        t = t.replaceAll("(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])", "$1");
        t = t.replaceAll("(?<![\\w_])_(?=[^\\s_])(.+?)(?<=[^\\s_])_(?![\\w_])", "$1");
        t = t.replaceAll("~~(?=\\S)(.+?)(?<=\\S)~~", "$1");
        return t.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The header values read so far. */
    private static final class Headers {
        String title;
        Published published;
        String url;
        String source;
        String author;
        String language;

        /**
         * Takes one line. Returns null when the line is not a header (the header block ends), an empty optional
         * for a header, or the body text that followed a date on the same line.
         */
        Optional<String> accept(String line, String origin) throws IngestException {
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                return null;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            boolean colon = m.group(2).contains(":");
            String value = m.group(3);
            switch (key) {
                case "date" -> {
                    if (!colon && !PublishedDates.looksLikeDate(value)) {
                        return null;
                    }
                    return Optional.ofNullable(date(value, origin));
                }
                case "title" -> title = value;
                case "source" -> source = value;
                case "author" -> author = value;
                case "url" -> {
                    if (!colon && !value.matches("(?i)(https?://|www\\.)\\S+")) {
                        return null;
                    }
                    url = value;
                }
                default -> {
                    if (!LANGUAGE_CODE.matcher(value).matches()) {
                        if (!colon) {
                            return null;
                        }
                        throw new IngestException(origin + ": unknown language '" + value
                                + "' (expected a code such as en)");
                    }
                    language = value.replaceFirst("[-_].*$", "").toLowerCase(Locale.ROOT);
                }
            }
            return Optional.empty();
        }

        /** Reads the longest run of leading words that is a date; returns the words after it, or null. */
        private String date(String value, String origin) throws IngestException {
            String[] words = value.split("\\s+");
            for (int n = Math.min(words.length, 7); n >= 1; n--) {
                String candidate = String.join(" ", java.util.Arrays.copyOf(words, n));
                Optional<Published> parsed = PublishedDates.parse(candidate);
                if (parsed.isPresent()) {
                    published = parsed.get();
                    String rest = String.join(" ", java.util.Arrays.copyOfRange(words, n, words.length));
                    return rest.isBlank() ? null : rest;
                }
            }
            String shown = words.length <= 4 ? value : words[0];
            throw new IngestException(origin + ": unknown date '" + shown + "' (expected a date such as "
                    + PublishedDates.EXAMPLE + ")");
        }
    }
}
