package dev.tidings.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.Published;
import dev.tidings.model.Submission;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an HTML page as an article: metadata from the usual tags (Open Graph, {@code article:*}, JSON-LD,
 * {@code <time>}, canonical link) and the body by a readability-style extraction.
 *
 * <p>The extraction first drops page chrome (scripts, navigation, forms, and elements whose class or id say
 * navigation, sharing, promos and the like), sets figure captions and photo credits aside as boilerplate,
 * then scores containers by the paragraph text they hold, penalised by how much of it is link text. The best
 * container, with any sibling that scores nearly as well, gives the paragraphs.
 */
final class HtmlArticleExtractor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHROME = "script, style, noscript, iframe, nav, header, footer, aside, svg, "
            + "button, select, input, textarea, template, object, embed, canvas, video, audio, dialog, "
            + "[hidden], [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], "
            + "[role=menu], [role=menubar], [aria-label=advertisement]";
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?i)(^|[-_\\s])(nav|navbar|navigation|menu|share|sharing|sharebar|social|related|comment|comments|promo|"
            + "newsletter|subscribe|subscription|advert|advertisement|ad|ads|adslot|cookie|cookies|banner|sidebar|"
            + "footer|masthead|breadcrumbs?|popup|modal|sponsored?|outbrain|taboola|recommend(ed|ations)?|"
            + "trending|most-?popular|popular|tags|signup|paywall|disqus|widget|skip|toolbar|byline|author-bio|"
            + "newsletter-signup|read-?more|more-stories|visually-hidden|sr-only)([-_\\s]|$)");
    private static final Pattern POSITIVE = Pattern.compile(
            "(?i)article|body|content|entry|main|post|text|story|blog|column");
    private static final Pattern CAPTION = Pattern.compile("(?i)(^|[-_\\s])(caption|credit|credits|photo-credit)([-_\\s]|$)");
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "div", "dl",
            "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
            "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
            "figcaption", "details", "summary", "center", "caption");
    private static final Set<String> ARTICLE_TYPES = Set.of("newsarticle", "article", "reportagenewsarticle",
            "blogposting", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
            "report", "scholarlyarticle", "techarticle", "liveblogposting");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s[|\\-–—\\\\/>»·]\\s");

    private HtmlArticleExtractor() {
    }

    static Submission extract(String html, String url, String origin) throws IngestException {
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        JsonLd ld = JsonLd.read(doc);
        // What the publisher declared as the title wins over what the page shows; the <title> element comes
        // last because it usually carries the site's name as well.
        String siteName = firstNonBlank(meta(doc, "og:site_name"), ld.publisher);
        String title = firstNonBlank(ld.title(doc.title()), meta(doc, "dc:title"), meta(doc, "dc.title"),
                meta(doc, "dcterm:title"), meta(doc, "dcterms.title"), meta(doc, "og:title"), meta(doc, "title"),
                meta(doc, "twitter:title"), meta(doc, "parsely-title"), documentTitle(doc), text(doc.selectFirst("h1")));
        // Declared authors first (JSON-LD, Dublin Core, meta tags), then what the page shows as its byline.
        String author = firstNonBlank(ld.author, nonUrl(meta(doc, "dc:creator")), nonUrl(meta(doc, "dc.creator")),
                nonUrl(meta(doc, "dcterm:creator")), nonUrl(meta(doc, "author")), nonUrl(meta(doc, "article:author")),
                nonUrl(meta(doc, "parsely-author")), shortText(doc.selectFirst("[rel=author]")),
                byline(shortText(doc.selectFirst("[itemprop~=author] [itemprop=name]"))),
                byline(shortText(doc.selectFirst("[itemprop~=author]"))), byline(shortText(doc.selectFirst(".byline"))));
        // JSON-LD describes the article itself; page-level meta tags are more often the page's (re)build time.
        Published published = firstDate(ld.datePublished, meta(doc, "article:published_time"),
                meta(doc, "datePublished"), meta(doc, "date"), meta(doc, "pubdate"), meta(doc, "publishdate"),
                meta(doc, "DC.date.issued"), meta(doc, "parsely-pub-date"), meta(doc, "sailthru.date"),
                attr(doc.selectFirst("article time[datetime]"), "datetime"),
                attr(doc.selectFirst("time[datetime]"), "datetime"));
        String canonical = canonical(doc.selectFirst("link[rel=canonical]"), meta(doc, "og:url"), url);
        String language = firstNonBlank(language(doc.selectFirst("html") == null ? null
                        : doc.selectFirst("html").attr("lang")),
                language(httpEquiv(doc, "content-language")), language(meta(doc, "og:locale")));
        String source = siteName;

        List<String> boilerplate = new ArrayList<>();
        List<String> paragraphs = body(doc, boilerplate);
        if (title != null) {
            String t = title.strip();
            paragraphs.removeIf(p -> p.equalsIgnoreCase(t));
        }
        if (paragraphs.isEmpty()) {
            throw new IngestException(origin + " has no article text");
        }
        return new Submission(origin, title, published, canonical, source, author, language,
                String.join("\n\n", paragraphs), boilerplate);
    }

    /** The article's paragraphs; captions and credits found on the way are added to {@code boilerplate}. */
    static List<String> body(Document doc, List<String> boilerplate) {
        Element body = doc.body();
        if (body == null) {
            return new ArrayList<>();
        }
        body.select(CHROME).remove();
        body.select("[style]").stream()
                .filter(e -> e.attr("style").replaceAll("\\s", "").toLowerCase(Locale.ROOT).contains("display:none"))
                .forEach(Element::remove);
        for (Element caption : body.select("figcaption")) {
            addCaption(caption, boilerplate);
        }
        // An element whose class says "sidebar" or "ad" but that holds most of the page's paragraphs is a
        // wrapper with an unlucky name ("no-sidebar", "Page-ad-margins"), not chrome.
        Share share = new Share(body);
        for (Element e : body.select("form")) {
            if (share.minor(e)) {
                e.remove();
            }
        }
        for (Element e : body.select("[class], [id]")) {
            if (e == body || e.parent() == null || e.tagName().equals("article") || e.tagName().equals("main")) {
                continue;
            }
            String classAndId = e.className() + " " + e.id();
            if (CAPTION.matcher(classAndId).find() && e.text().length() < 400 && e.select("p").size() <= 1) {
                addCaption(e, boilerplate);
            } else if (NEGATIVE.matcher(classAndId).find() && share.minor(e)) {
                e.remove();
            }
        }
        List<Element> containers = containers(body);
        List<Block> blocks = new ArrayList<>();
        for (Element c : containers) {
            collect(c, blocks);
        }
        List<String> paragraphs = keep(blocks);
        int length = paragraphs.stream().mapToInt(String::length).sum();
        if (length < 250) {
            List<Block> all = new ArrayList<>();
            collect(body, all);
            List<String> fallback = keep(all);
            if (fallback.stream().mapToInt(String::length).sum() > length * 2) {
                return fallback;
            }
        }
        return paragraphs;
    }

    private static void addCaption(Element caption, List<String> boilerplate) {
        String text = caption.text().strip();
        if (!text.isEmpty() && !boilerplate.contains(text)) {
            boilerplate.add(text);
        }
        caption.remove();
    }

    private static List<String> keep(List<Block> blocks) {
        List<String> kept = new ArrayList<>();
        for (Block b : blocks) {
            String t = b.text;
            if (t.isEmpty() || b.linkDensity > 0.5) {
                continue;
            }
            int words = t.split("\\s+").length;
            if (words <= 2 && !b.heading && !t.matches(".*[.!?\"”]$")) {
                continue;
            }
            kept.add(t);
        }
        return kept;
    }

    /** The best-scoring container and its siblings that score nearly as well, in document order. */
    private static List<Element> containers(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.select("p, pre, td, blockquote, div")) {
            String text;
            if (p.tagName().equals("div")) {
                // divs used as paragraphs: count only their own text, the rest is counted through their children
                text = ownText(p);
            } else {
                text = p.text();
            }
            if (text.length() < 25) {
                continue;
            }
            double score = 1 + count(text, ',') + count(text, '，') + Math.min(text.length() / 100, 3);
            Element ancestor = p.parent();
            for (int level = 0; ancestor != null && level < 3; level++, ancestor = ancestor.parent()) {
                if (ancestor.tagName().equals("html")) {
                    break;
                }
                Element a = ancestor;
                scores.computeIfAbsent(a, HtmlArticleExtractor::initialScore);
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(a, score / divider, Double::sum);
            }
        }
        Element top = null;
        double topScore = 0;
        for (Map.Entry<Element, Double> e : scores.entrySet()) {
            double s = e.getValue() * (1 - linkDensity(e.getKey()));
            e.setValue(s);
            if (top == null || s > topScore) {
                top = e.getKey();
                topScore = s;
            }
        }
        if (top == null) {
            return List.of(body);
        }
        Element parent = top.parent();
        if (parent == null) {
            return List.of(top);
        }
        List<Element> chosen = new ArrayList<>();
        double threshold = Math.max(10, topScore * 0.2);
        for (Element sibling : parent.children()) {
            if (sibling == top) {
                chosen.add(sibling);
                continue;
            }
            double bonus = !top.className().isEmpty() && top.className().equals(sibling.className())
                    ? topScore * 0.2 : 0;
            Double s = scores.get(sibling);
            if (s != null && s + bonus >= threshold) {
                chosen.add(sibling);
            } else if (sibling.tagName().equals("p")) {
                String text = sibling.text();
                double density = linkDensity(sibling);
                if ((text.length() > 80 && density < 0.25)
                        || (text.length() > 0 && density == 0 && text.matches(".*[.!?]\\W*$"))) {
                    chosen.add(sibling);
                }
            }
        }
        return chosen;
    }

    private static double initialScore(Element e) {
        double score = switch (e.tagName()) {
            case "div", "article", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        String classAndId = e.className() + " " + e.id();
        if (NEGATIVE.matcher(classAndId).find()) {
            score -= 25;
        }
        if (POSITIVE.matcher(classAndId).find()) {
            score += 25;
        }
        return score;
    }

    /** Flattens an element into blocks of text at the lowest block level, so nested markup gives one paragraph each. */
    private static void collect(Element e, List<Block> out) {
        StringBuilder run = new StringBuilder();
        int[] linkChars = {0};
        boolean heading = e.tagName().matches("h[2-6]");
        for (Node child : e.childNodes()) {
            if (child instanceof TextNode t) {
                run.append(t.text());
            } else if (child instanceof Element c) {
                String tag = c.tagName();
                if (tag.equals("br")) {
                    flush(run, linkChars, heading, out);
                } else if (tag.equals("h1")) {
                    flush(run, linkChars, heading, out);
                } else if (BLOCKS.contains(tag) || hasBlock(c)) {
                    flush(run, linkChars, heading, out);
                    collect(c, out);
                } else {
                    String text = c.text();
                    if (!text.isEmpty() && run.length() > 0 && !Character.isWhitespace(run.charAt(run.length() - 1))
                            && needsSpace(c)) {
                        run.append(' ');
                    }
                    run.append(text);
                    if (tag.equals("a")) {
                        linkChars[0] += text.length();
                    } else {
                        for (Element a : c.select("a")) {
                            linkChars[0] += a.text().length();
                        }
                    }
                }
            }
        }
        flush(run, linkChars, heading, out);
    }

    private static boolean needsSpace(Element inline) {
        return inline.tagName().equals("img");
    }

    private static boolean hasBlock(Element e) {
        for (Element d : e.getAllElements()) {
            if (d != e && BLOCKS.contains(d.tagName())) {
                return true;
            }
        }
        return false;
    }

    private static void flush(StringBuilder run, int[] linkChars, boolean heading, List<Block> out) {
        String text = run.toString().replaceAll("[\\s\\u00A0]+", " ").strip();
        if (!text.isEmpty()) {
            out.add(new Block(text, Math.min(1.0, linkChars[0] / (double) text.length()), heading));
        }
        run.setLength(0);
        linkChars[0] = 0;
    }

    private record Block(String text, double linkDensity, boolean heading) {
    }

    /** How much of the page's text an element holds, by paragraph text and by all text. */
    private static final class Share {
        private final int paragraphs;
        private final int all;

        Share(Element body) {
            paragraphs = paragraphText(body);
            all = body.text().length();
        }

        /** Holds less than half of the page by either measure. */
        boolean minor(Element e) {
            return paragraphText(e) * 2 < paragraphs && e.text().length() * 2 < all;
        }
    }

    private static int paragraphText(Element e) {
        int n = 0;
        for (Element p : e.select("p")) {
            n += p.text().length();
        }
        return n;
    }

    private static String ownText(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t) {
                sb.append(t.text());
            } else if (n instanceof Element c && !BLOCKS.contains(c.tagName())) {
                sb.append(c.text());
            }
        }
        return sb.toString().strip();
    }

    private static double linkDensity(Element e) {
        int total = e.text().length();
        if (total == 0) {
            return 0;
        }
        int links = 0;
        for (Element a : e.select("a")) {
            links += a.text().length();
        }
        return Math.min(1.0, links / (double) total);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    // ---- metadata ----

    private static String meta(Document doc, String key) {
        for (Element m : doc.select("meta[property], meta[name], meta[itemprop]")) {
            if (hasWord(m.attr("property"), key) || hasWord(m.attr("name"), key)
                    || key.equalsIgnoreCase(m.attr("itemprop"))) {
                String content = m.attr("content").strip();
                if (!content.isEmpty()) {
                    return content;
                }
            }
        }
        return null;
    }

    /** Whether a space-separated attribute value ({@code property="dc:title og:title"}) names {@code key}. */
    private static boolean hasWord(String value, String key) {
        if (value.isEmpty()) return false;
        for (String v : value.strip().split("\\s+")) {
            if (v.equalsIgnoreCase(key)) return true;
        }
        return false;
    }

    /**
     * The article's title as far as the {@code <title>} element tells it: the site's name after (or before) a
     * separator is cut off, unless what remains is too short to be a headline; a "Section: Headline" title
     * keeps its headline part unless the page shows the whole title as a heading; a title too short or too
     * long to be one gives way to the page's only {@code <h1>}.
     */
    static String documentTitle(Document doc) {
        String whole = doc.title().strip().replaceAll("\\s+", " ");
        if (whole.isEmpty()) return null;
        String t = whole;
        var sep = TITLE_SEPARATOR.matcher(whole);
        boolean hierarchical = false;
        if (sep.find()) {
            int first = sep.start();
            int firstEnd = sep.end();
            int last = first;
            hierarchical = sep.group().matches("\\s[/>»]\\s");
            while (sep.find()) {
                last = sep.start();
                hierarchical |= sep.group().matches("\\s[/>»]\\s");
            }
            t = whole.substring(0, last).strip();
            if (words(t) < 3) t = whole.substring(firstEnd).strip();
        } else if (whole.contains(": ")) {
            boolean shown = doc.select("h1, h2").stream().anyMatch(h -> h.text().strip().equals(whole));
            if (!shown) {
                t = whole.substring(whole.lastIndexOf(": ") + 2).strip();
                if (words(t) < 3) t = whole.substring(whole.indexOf(": ") + 2).strip();
                else if (words(whole.substring(0, whole.indexOf(": "))) > 5) t = whole;
            }
        } else if (whole.length() > 150 || whole.length() < 15) {
            var h1s = doc.select("h1");
            if (h1s.size() == 1 && !h1s.first().text().isBlank()) t = h1s.first().text().strip();
        }
        if (words(t) < 3 && (!hierarchical || words(t) != words(whole) - 1)) t = whole;
        return t;
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String httpEquiv(Document doc, String key) {
        for (Element m : doc.select("meta[http-equiv]")) {
            if (key.equalsIgnoreCase(m.attr("http-equiv"))) {
                return m.attr("content");
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.text();
    }

    private static String attr(Element e, String name) {
        return e == null ? null : e.attr(name);
    }

    /** The canonical link made absolute (against the page URL, else og:url), else og:url, else the page URL. */
    private static String canonical(Element link, String ogUrl, String pageUrl) {
        String href = link == null ? "" : link.attr("href").strip();
        if (!href.isEmpty()) {
            for (String base : new String[] {pageUrl, ogUrl}) {
                if (base != null && base.matches("(?i)https?://.*")) {
                    try {
                        return java.net.URI.create(base).resolve(href.replace(" ", "%20")).toString();
                    } catch (IllegalArgumentException badUrl) {
                        break;
                    }
                }
            }
            if (href.matches("(?i)https?://.*")) {
                return href;
            }
        }
        return firstNonBlank(ogUrl, pageUrl, href.isEmpty() ? null : href);
    }

    /** An element's text when it is short enough to be a name or a byline, else null. */
    private static String shortText(Element e) {
        if (e == null) return null;
        String t = e.text().strip();
        return t.isEmpty() || t.length() > 100 ? null : t;
    }

    private static String nonUrl(String s) {
        return s == null || s.matches("(?i)https?://.*") ? null : s;
    }

    private static String byline(String s) {
        return s == null ? null : s.replaceFirst("(?i)^\\s*by\\s+", "");
    }

    static String language(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        int cut = v.indexOf(',');
        if (cut >= 0) {
            v = v.substring(0, cut).strip();
        }
        v = v.replaceFirst("[-_].*$", "");
        return v.matches("[a-z]{2,3}") ? v : null;
    }

    private static Published firstDate(String... values) {
        for (String v : values) {
            Optional<Published> p = PublishedDates.parse(v);
            if (p.isPresent()) {
                return p.get();
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** What the page's JSON-LD says about the article, when it describes one. */
    private static final class JsonLd {
        String headline;
        String name;
        String datePublished;
        String author;
        String publisher;

        /**
         * The article's title: its {@code headline} or its {@code name}; when they differ (some sites put a
         * description in one of them) the one sharing more words with the page's {@code <title>}.
         */
        String title(String documentTitle) {
            if (headline == null || name == null || headline.equals(name)) return headline != null ? headline : name;
            return shared(name, documentTitle) > shared(headline, documentTitle) ? name : headline;
        }

        private static long shared(String a, String b) {
            java.util.Set<String> words = new java.util.HashSet<>(List.of(b.toLowerCase(Locale.ROOT).split("\\W+")));
            return java.util.Arrays.stream(a.toLowerCase(Locale.ROOT).split("\\W+")).filter(w -> !w.isEmpty() && words.contains(w)).count();
        }

        static JsonLd read(Document doc) {
            JsonLd ld = new JsonLd();
            for (Element script : doc.select("script[type=application/ld+json]")) {
                try {
                    // Some pages wrap the JSON in CDATA or comment markers, a leftover from XHTML habits.
                    String data = script.data().strip().replaceFirst("^(<!\\[CDATA\\[|<!--)", "")
                            .replaceFirst("(]]>|-->)$", "");
                    ld.visit(JSON.readTree(data));
                } catch (Exception malformed) {
                    // pages often carry broken JSON-LD; the other metadata still counts
                }
            }
            return ld;
        }

        private void visit(JsonNode node) {
            if (node == null) {
                return;
            }
            if (node.isArray()) {
                node.forEach(this::visit);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            if (node.has("@graph")) {
                visit(node.get("@graph"));
            }
            if (!isArticle(node.get("@type"))) {
                return;
            }
            if (headline == null) {
                headline = string(node.get("headline"));
            }
            if (name == null) {
                name = string(node.get("name"));
            }
            if (datePublished == null) {
                datePublished = string(node.get("datePublished"));
            }
            if (author == null) {
                author = name(node.get("author"));
            }
            if (publisher == null) {
                publisher = name(node.get("publisher"));
            }
        }

        private static boolean isArticle(JsonNode type) {
            if (type == null) {
                return false;
            }
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (isArticle(t)) {
                        return true;
                    }
                }
                return false;
            }
            return type.isTextual() && ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT));
        }

        private static String name(JsonNode node) {
            if (node == null) {
                return null;
            }
            if (node.isArray()) {
                List<String> names = new ArrayList<>();
                node.forEach(n -> {
                    String s = name(n);
                    if (s != null) {
                        names.add(s);
                    }
                });
                return names.isEmpty() ? null : String.join(", ", names);
            }
            if (node.isTextual()) {
                return node.asText();
            }
            return string(node.get("name"));
        }

        private static String string(JsonNode node) {
            return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
        }
    }
}
