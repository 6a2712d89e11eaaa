package dev.tidings.ingest;

import dev.tidings.model.Published;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A second reader for feeds that are well-formed XML but that Rome turns down: an Atom feed in an old or
 * unknown namespace, an item using a prefix it never declared ({@code content:encoded} without
 * {@code xmlns:content}), Microsoft's CDF, a base64-encoded title. It matches elements by local name,
 * ignoring case and namespaces, which is how feed readers in the wild behave.
 *
 * <p>It is only used on documents that a namespace-unaware XML parser accepts with DTDs refused, so
 * truly broken XML still ends in a clear "not well-formed" error and nothing here can expand entities.
 */
final class LenientFeedParser {
    private static final java.util.regex.Pattern BASE64 = java.util.regex.Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final Set<String> ROOTS = Set.of("rss", "rdf", "feed", "channel");
    private static final Set<String> DATES = Set.of("published", "pubdate", "issued", "date", "created", "updated",
            "modified", "lastbuilddate");

    private LenientFeedParser() {
    }

    /** True when {@code xml} is well-formed XML 1.0 when namespaces are ignored (DTDs refused). */
    static boolean wellFormedIgnoringNamespaces(String xml) {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The feed, or null when the document's root is not a feed element. */
    static Feed parse(String xml, String baseUrl) {
        Document doc = Jsoup.parse(xml, baseUrl == null ? "" : baseUrl, Parser.xmlParser());
        Element root = doc.children().stream().filter(e -> ROOTS.contains(local(e))).findFirst().orElse(null);
        if (root == null) return null;
        boolean atom = local(root).equals("feed");
        Element channel = atom || local(root).equals("channel") ? root : child(root, "channel");
        if (channel == null) channel = root;
        String title = text(child(channel, "title"));
        String link = atom ? atomLink(channel) : firstNonNull(text(child(channel, "link")), channel.attr("href"));
        String feedLink = FeedReader.resolve(baseUrl, link);
        String base = feedLink != null ? feedLink : baseUrl;
        List<Feed.Item> items = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            String name = local(e);
            if (e != root && (atom ? name.equals("entry") : name.equals("item")) && !insideItem(e, root)) {
                items.add(item(e, base, atom));
            }
        }
        String format = atom ? "atom" : local(root).equals("rdf") ? "rss_1.0" : local(root).equals("rss") ? "rss" : "cdf";
        return new Feed(format + " (lenient)", FeedReader.plain(title), feedLink, items);
    }

    private static Feed.Item item(Element e, String base, boolean atom) {
        String title = firstNonNull(text(child(e, "title")), text(childAnyPrefix(e, "title")));
        String link = atom ? atomLink(e) : firstNonNull(text(child(e, "link")), e.attr("href"), e.attr("HREF"));
        if (link == null && !atom) link = atomLink(e);
        String id = firstNonNull(text(child(e, "id")), text(child(e, "guid")));
        Published published = null;
        for (Element c : e.children()) {
            if (DATES.contains(local(c)) && published == null) published = PublishedDates.parse(c.text().strip()).orElse(null);
        }
        String author = null;
        Element a = firstNonNull(child(e, "author"), child(e, "creator"));
        if (a != null) author = child(a, "name") != null ? blankToNull(child(a, "name").text()) : blankToNull(a.text());
        String content = firstNonNull(html(child(e, "encoded")), html(child(e, "content")), html(child(e, "body")),
                html(child(e, "fullitem")));
        boolean summary = content == null;
        if (content == null) content = firstNonNull(html(child(e, "description")), html(child(e, "summary")),
                html(child(e, "abstract")));
        return new Feed.Item(blankToNull(id), FeedReader.plain(title), FeedReader.resolve(xmlBase(e, base), blankToNull(link)),
                published, FeedReader.byline(author), content, summary);
    }

    /** The base URL in effect at {@code e}: the feed's, overridden by any {@code xml:base} on the way down. */
    private static String xmlBase(Element e, String base) {
        List<String> bases = new ArrayList<>();
        for (Element p = e; p != null; p = p.parent()) {
            if (p.hasAttr("xml:base")) bases.add(0, p.attr("xml:base"));
        }
        String b = base;
        for (String x : bases) b = b == null ? x : FeedReader.resolve(b, x);
        return b;
    }

    private static boolean insideItem(Element e, Element root) {
        for (Element p = e.parent(); p != null && p != root; p = p.parent()) {
            String n = local(p);
            if (n.equals("item") || n.equals("entry")) return true;
        }
        return false;
    }

    private static String atomLink(Element parent) {
        for (Element c : parent.children()) {
            if (local(c).equals("link") && c.hasAttr("href")) {
                String rel = c.attr("rel");
                if (rel.isEmpty() || rel.equals("alternate")) return c.attr("href");
            }
        }
        return null;
    }

    /** The first child with this local name and no prefix, else with any prefix. */
    private static Element child(Element parent, String name) {
        if (parent == null) return null;
        Element prefixed = null;
        for (Element c : parent.children()) {
            if (!local(c).equals(name)) continue;
            if (c.tagName().indexOf(':') < 0) return c;
            if (prefixed == null) prefixed = c;
        }
        return prefixed;
    }

    private static Element childAnyPrefix(Element parent, String name) {
        for (Element c : parent.children()) {
            if (local(c).equals(name)) return c;
        }
        return null;
    }

    static String local(Element e) {
        String n = e.tagName();
        int colon = n.indexOf(':');
        return (colon >= 0 ? n.substring(colon + 1) : n).toLowerCase(Locale.ROOT);
    }

    /** An element's content as the feed means it: base64 decoded when marked so, markup kept as markup. */
    private static String text(Element e) {
        return html(e);
    }

    private static String html(Element e) {
        if (e == null) return null;
        String type = e.attr("type").toLowerCase(Locale.ROOT);
        if (type.equals("xhtml") || type.equals("application/xhtml+xml")) return blankToNull(e.html());
        String value = e.children().isEmpty() ? e.wholeText() : e.html();
        return blankToNull(decoded(value, e.attr("mode"), type));
    }

    /**
     * Atom 0.3's {@code mode="base64"} and Atom 1.0's non-text media types carry base64; anything that does
     * not decode is kept as it is.
     */
    static String decoded(String value, String mode, String type) {
        if (value == null) return null;
        boolean base64 = mode.equalsIgnoreCase("base64") || (type.contains("/") && !type.startsWith("text/")
                && !type.endsWith("xml") && !type.endsWith("html"));
        if (!base64 || !BASE64.matcher(value).matches()) return value;
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(value.strip());
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException notBase64) {
            return value;
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v instanceof String s ? !s.isBlank() : v != null) return v;
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
