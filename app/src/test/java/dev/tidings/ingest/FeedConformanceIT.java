package dev.tidings.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Feed conformance on the shared real-data corpora (skipped when {@code ../shared/data/feeds} is absent):
 * gofeed's translator cases, its RSS, Atom and JSON Feed parser cases (each in gofeed's own expected shape),
 * and feedparser's simple {@code Expect:} cases, each compared on the fields Tidings maps (feed title; item
 * title, link, id, date, author, body text). Prints the pass rates with counts and the failures; every
 * ill-formed feed must end in items or an {@link IngestException}, never anything else.
 *
 * <p>Known disagreements left failing: gofeed takes an RSS item's last {@code <link>} where feedparser and
 * Tidings take the first; gofeed repairs mismatched end tags, Tidings refuses XML that is not well-formed;
 * feedparser's sanitizer keeps the text inside an HTML comment that jsoup (like browsers) reads as a comment.
 */
class FeedConformanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * {@code not bozo and feed['title'] == '…'} and the like, for the fields Tidings keeps: titles, links, ids,
     * authors, and an entry's body (feedparser's description, summary or first content value).
     */
    private static final Pattern SIMPLE_EXPECT = Pattern.compile(
            "^not bozo and (feed|entries\\[(\\d+)\\])\\['(title|link|author|id|description|summary|content|title_detail)'\\]"
                    + "(\\[0\\]\\['value'\\]|\\['value'\\])? == u?(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")$");

    private final FeedReader reader = new FeedReader();

    @Test
    void gofeedTranslatorCasesPassOnTheFieldsWeMap() throws IOException {
        Path root = SharedData.folder("data/feeds/gofeed");
        assumeTrue(root != null, "../shared/data/feeds/gofeed is absent");
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("translator"))) {
            s.filter(p -> p.toString().endsWith(".xml")
                    || (p.getParent().endsWith("json") && !p.toString().endsWith("_expected.json"))).forEach(inputs::add);
        }
        try (Stream<Path> s = Files.list(root.resolve("parser/json"))) {
            s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith("_expected.json")).forEach(inputs::add);
        }
        // The RSS and Atom parser cases state their expectations in gofeed's format-specific shapes.
        for (String format : List.of("rss", "atom")) {
            try (Stream<Path> s = Files.list(root.resolve("parser").resolve(format))) {
                s.filter(p -> p.toString().endsWith(".xml")).forEach(inputs::add);
            }
        }
        int mapped = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path input : inputs.stream().sorted().toList()) {
            Path expectedFile = expectedOf(input);
            if (expectedFile == null) continue;
            JsonNode expected = JSON.readTree(expectedFile.toFile());
            String folder = root.relativize(input).toString();
            List<String[]> checks = folder.startsWith("parser/rss") ? rssChecks(expected)
                    : folder.startsWith("parser/atom") ? atomChecks(expected) : gofeedChecks(expected);
            if (checks.isEmpty()) continue;
            mapped++;
            List<String> wrong = new ArrayList<>();
            try {
                Feed feed = reader.read(Files.readAllBytes(input), null, null, input.getFileName().toString());
                for (String[] c : checks) {
                    String actual = actual(feed, c[0]);
                    if (!Objects.equals(normal(actual), normal(c[1]))) wrong.add(c[0] + ": expected '" + c[1] + "' got '" + actual + "'");
                }
            } catch (IngestException e) {
                wrong.add(e.getMessage());
            }
            if (wrong.isEmpty()) passed++;
            else failures.add(root.relativize(input) + " " + wrong);
        }
        System.out.printf("gofeed conformance: %d of %d mapped cases pass (%.1f %%)%n", passed, mapped, 100.0 * passed / mapped);
        failures.forEach(f -> System.out.println("  fail " + f));
        assertThat(mapped).isGreaterThan(170);
        assertThat((double) passed / mapped).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void feedparserSimpleExpectCasesPassAndIllFormedFeedsNeverCrash() throws IOException {
        Path root = SharedData.folder("data/feeds/feedparser");
        assumeTrue(root != null, "../shared/data/feeds/feedparser is absent");
        int mapped = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("wellformed"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            String head = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            Matcher e = Pattern.compile("Expect:\\s*(.*)").matcher(head);
            if (!e.find()) continue;
            Matcher m = SIMPLE_EXPECT.matcher(e.group(1).strip());
            // http_* cases depend on HTTP headers feedparser's test server sends; there are none here.
            if (!m.matches() || file.getFileName().toString().startsWith("http_")) continue;
            String field = m.group(3);
            String suffix = m.group(4);
            boolean shaped = switch (field) {
                case "content" -> "[0]['value']".equals(suffix);
                case "title_detail" -> "['value']".equals(suffix);
                default -> suffix == null;
            };
            if (!shaped) continue;
            if (field.equals("title_detail")) field = "title";
            boolean body = Set.of("description", "summary", "content").contains(field);
            String path = m.group(1).equals("feed") ? (field.equals("title") ? "feed.title" : null)
                    : "items[" + m.group(2) + "]." + (body ? "text" : field);
            if (path == null) continue;
            String want = unescape(m.group(5) != null ? m.group(5) : m.group(6));
            // Tidings keeps titles and bodies as plain text and bylines as names, so the expectation is mapped
            // the same way; a title that was plain text with brackets in it may also match as it is.
            String raw = want;
            if (field.equals("title") || body) want = Jsoup.parse(want).text();
            if (field.equals("author")) want = want.replaceAll("\\s*\\([^()]*@[^()]*\\)$", "");
            mapped++;
            try {
                Feed feed = reader.read(Files.readAllBytes(file), null, null, file.getFileName().toString());
                String got = actual(feed, path);
                if (Objects.equals(normal(got), normal(want)) || (path.endsWith("title") && Objects.equals(normal(got), normal(raw)))) passed++;
                else failures.add(root.relativize(file) + " " + path + ": expected '" + want + "' got '" + got + "'");
            } catch (IngestException ex) {
                failures.add(root.relativize(file) + " " + ex.getMessage());
            }
        }
        System.out.printf("feedparser conformance: %d of %d simple mapped cases pass (%.1f %%)%n", passed, mapped, 100.0 * passed / mapped);
        failures.stream().limit(60).forEach(f -> System.out.println("  fail " + f));

        int illformed = 0;
        int cleanError = 0;
        // The ill-formed folder, plus the entity and encoding cases, most of which are deliberately broken
        // (a truncated end tag, bytes that contradict the declared encoding).
        List<Path> broken = new ArrayList<>();
        for (String folder : List.of("illformed", "entities", "encoding")) {
            try (Stream<Path> s = Files.walk(root.resolve(folder))) {
                s.filter(Files::isRegularFile).sorted().forEach(broken::add);
            }
        }
        int entityCases = 0;
        int entityPassed = 0;
        Pattern entityTitle = Pattern.compile("Expect:\\s*feed\\['title'\\] == u?'((?:[^'\\\\]|\\\\.)*)'\\s*$", Pattern.MULTILINE);
        for (Path file : broken) {
            illformed++;
            try {
                Feed feed = reader.read(Files.readAllBytes(file), null, null, file.getFileName().toString());
                Matcher t = entityTitle.matcher(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
                if (file.getParent().endsWith("entities") && t.find()) {
                    entityCases++;
                    if (Objects.equals(normal(feed.title()), normal(unescape(t.group(1))))) entityPassed++;
                }
            } catch (IngestException ex) {
                cleanError++;
                assertThat(ex.getMessage()).startsWith(file.getFileName().toString());
            }
        }
        System.out.printf("feedparser ill-formed, entity and encoding cases: %d feeds, %d clear errors, %d read, 0 crashes%n",
                illformed, cleanError, illformed - cleanError);
        // feedparser reads these titles despite the truncated end tag; reported, not required.
        System.out.printf("feedparser entity cases read with the expected title: %d of %d%n", entityPassed, entityCases);
        assertThat(illformed).isGreaterThan(300);
        assertThat(mapped).isGreaterThan(800);
        assertThat((double) passed / mapped).isGreaterThanOrEqualTo(0.98);
    }

    private static Path expectedOf(Path input) {
        String name = input.toString();
        for (String candidate : List.of(name.replaceAll("\\.(xml|json)$", ".json"), name.replaceAll("\\.(xml|json)$", "_expected.json"))) {
            if (!candidate.equals(name) && Files.exists(Path.of(candidate))) return Path.of(candidate);
        }
        return null;
    }

    /** (path, expected) pairs for the fields Tidings maps from gofeed's universal feed shape. */
    private static List<String[]> gofeedChecks(JsonNode expected) {
        List<String[]> checks = new ArrayList<>();
        if (expected.hasNonNull("title")) checks.add(new String[]{"feed.title", Jsoup.parse(expected.get("title").asText()).text()});
        JsonNode items = expected.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String p = "items[" + i + "].";
            if (item.hasNonNull("title")) checks.add(new String[]{p + "title", Jsoup.parse(item.get("title").asText()).text()});
            if (item.hasNonNull("link")) checks.add(new String[]{p + "link", item.get("link").asText()});
            String date = item.hasNonNull("publishedParsed") ? item.get("publishedParsed").asText()
                    : item.hasNonNull("updatedParsed") ? item.get("updatedParsed").asText() : null;
            if (date != null) checks.add(new String[]{p + "date", Instant.parse(date).toString()});
            JsonNode author = item.path("author");
            if (author.hasNonNull("name")) checks.add(new String[]{p + "author", author.get("name").asText()});
            String body = item.hasNonNull("content") ? item.get("content").asText()
                    : item.hasNonNull("description") ? item.get("description").asText() : null;
            if (body != null) checks.add(new String[]{p + "text", Jsoup.parse(body).text()});
        }
        return checks;
    }

    /** Checks from gofeed's RSS shape: channel title; item title, link, author, description or content. */
    private static List<String[]> rssChecks(JsonNode expected) {
        List<String[]> checks = new ArrayList<>();
        if (expected.hasNonNull("title")) checks.add(new String[]{"feed.title", Jsoup.parse(expected.get("title").asText()).text()});
        JsonNode items = expected.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String p = "items[" + i + "].";
            if (item.hasNonNull("title")) checks.add(new String[]{p + "title", Jsoup.parse(item.get("title").asText()).text()});
            if (item.hasNonNull("link")) checks.add(new String[]{p + "link", item.get("link").asText()});
            if (item.hasNonNull("author")) checks.add(new String[]{p + "author",
                    FeedReader.byline(Jsoup.parse(item.get("author").asText()).text())});
            String body = item.hasNonNull("content") ? item.get("content").asText()
                    : item.hasNonNull("description") ? item.get("description").asText() : null;
            if (body != null) checks.add(new String[]{p + "text", Jsoup.parse(body).text()});
        }
        return checks;
    }

    /** Checks from gofeed's Atom shape: feed title; entry title, alternate link, first author, content or summary. */
    private static List<String[]> atomChecks(JsonNode expected) {
        List<String[]> checks = new ArrayList<>();
        if (expected.hasNonNull("title")) checks.add(new String[]{"feed.title", Jsoup.parse(expected.get("title").asText()).text()});
        JsonNode entries = expected.path("entries");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String p = "items[" + i + "].";
            if (entry.hasNonNull("title")) checks.add(new String[]{p + "title", Jsoup.parse(entry.get("title").asText()).text()});
            for (JsonNode link : entry.path("links")) {
                String rel = link.path("rel").asText("alternate");
                if (rel.equals("alternate") && link.hasNonNull("href")) {
                    checks.add(new String[]{p + "link", link.get("href").asText()});
                    break;
                }
            }
            JsonNode author = entry.path("authors").path(0);
            if (author.hasNonNull("name")) checks.add(new String[]{p + "author", author.get("name").asText()});
            String body = entry.path("content").hasNonNull("value") ? entry.path("content").get("value").asText()
                    : entry.hasNonNull("summary") ? entry.get("summary").asText() : null;
            if (body != null) checks.add(new String[]{p + "text", Jsoup.parse(body).text()});
        }
        return checks;
    }

    private String actual(Feed feed, String path) {
        if (path.equals("feed.title")) return feed.title();
        Matcher m = Pattern.compile("items\\[(\\d+)\\]\\.(\\w+)").matcher(path);
        if (!m.matches()) throw new IllegalArgumentException(path);
        int i = Integer.parseInt(m.group(1));
        if (i >= feed.items().size()) return "(no item " + i + ")";
        Feed.Item item = feed.items().get(i);
        return switch (m.group(2)) {
            case "title" -> item.title();
            case "link" -> item.link();
            case "id" -> item.id();
            case "date" -> item.published() == null ? null : item.published().instant().toString();
            case "author" -> item.author();
            case "text" -> String.join(" ", FeedReader.paragraphs(item.html(), null, new ArrayList<>()));
            default -> throw new IllegalArgumentException(path);
        };
    }

    private static String normal(String s) {
        if (s == null) return null;
        // Tidings drops control characters, which XML 1.0 does not allow anyway.
        String t = s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "").replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? null : t;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    case 'x' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
