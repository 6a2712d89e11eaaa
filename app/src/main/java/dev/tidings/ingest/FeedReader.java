package dev.tidings.ingest;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.tidings.model.Published;
import dev.tidings.model.Submission;
import org.jsoup.Jsoup;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (with Rome) and JSON Feed 1.0/1.1 (with Jackson) into a {@link Feed},
 * and turns its items into {@link Submission}s.
 *
 * <p>Safety: a feed may not declare a DTD with an internal subset or entities (that is how XXE and
 * "billion laughs" arrive); such a feed is refused before any XML parser sees it. A plain
 * {@code <!DOCTYPE rss PUBLIC …>} line, which old RSS 0.91 feeds carry, is dropped unread, and the parser
 * itself is configured to refuse any DOCTYPE, load no external DTD and resolve no external entity, so the
 * pre-check is not the only line of defence.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeedReader {
    /** A summary shorter than this (in characters of text) is only a teaser: the page is worth fetching. */
    public static final int SHORT_TEXT = 600;

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>\\[]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern DTD_SUBSET = Pattern.compile("<!DOCTYPE[^>]*\\[|<!ENTITY", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
    private static final Pattern XML_ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern FEED_ROOT = Pattern.compile("<(rss|feed|rdf:RDF|RDF|channel)[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_FEED = Pattern.compile("\"version\"\\s*:\\s*\"(https?://jsonfeed\\.org/version/|1\\.\\d)");
    private static final Pattern EMAIL_THEN_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");
    private static final Pattern NAME_THEN_EMAIL = Pattern.compile("^(.+?)\\s*[(<]\\s*\\S+@\\S+\\s*[)>]$");

    /**
     * Whether {@code bytes} look like a feed (RSS, Atom, RDF or JSON Feed) rather than a page or an article,
     * judged on the first few kilobytes.
     */
    public static boolean looksLikeFeed(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1)
                .replace("\0", "");
        String start = head.stripLeading();
        if (start.startsWith("\u00ef\u00bb\u00bf")) start = start.substring(3).stripLeading();
        if (start.startsWith("{")) return JSON_FEED.matcher(head).find();
        if (!start.startsWith("<")) return false;
        Matcher root = FEED_ROOT.matcher(head);
        return root.find() && !head.substring(0, root.start()).toLowerCase(Locale.ROOT).contains("<html");
    }

    /**
     * Parses a feed.
     *
     * @param bytes       the feed as received
     * @param contentType the HTTP {@code Content-Type}, or null; its charset is used when the bytes agree
     * @param baseUrl     where the feed came from, to resolve relative item links; may be null
     * @param origin      names the feed in errors
     */
    public Feed read(byte[] bytes, String contentType, String baseUrl, String origin) throws IngestException {
        if (bytes.length == 0) throw new IngestException(origin + " is empty");
        if (bytes.length > ArticleReader.MAX_BYTES) throw InputDecoder.tooLarge(origin, bytes.length);
        String text = FeedCharsets.decode(bytes, contentType, origin);
        String start = text.stripLeading();
        if (start.startsWith("{")) return JsonFeedParser.parse(text, baseUrl, origin);
        if (!start.startsWith("<")) throw new IngestException(origin + " is not an RSS, Atom or JSON feed");
        return readXml(text, baseUrl, origin);
    }

    private Feed readXml(String xml, String baseUrl, String origin) throws IngestException {
        if (DTD_SUBSET.matcher(xml).find()) {
            throw new IngestException(origin + " declares a DTD with entities, which Tidings refuses to read"
                    + " (it is how XML entity attacks work)");
        }
        // Control characters are not allowed in XML 1.0 but turn up in real feeds; they carry no text.
        String clean = CONTROL.matcher(DOCTYPE.matcher(xml).replaceFirst("")).replaceAll("");
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        // The healer turns HTML entities such as &eacute; (common in hand-made RSS) into characters.
        input.setXmlHealerOn(true);
        SyndFeed syndFeed;
        try {
            syndFeed = input.build(new StringReader(clean));
        } catch (ParsingFeedException e) {
            IngestException error = new IngestException(origin + " is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
            return lenient(clean, baseUrl, error);
        } catch (FeedException | IllegalArgumentException e) {
            return lenient(clean, baseUrl, new IngestException(origin + " is not an RSS, Atom or JSON feed", e));
        } catch (RuntimeException e) {
            // Rome's converters throw the odd NullPointerException on strange but well-formed input.
            return lenient(clean, baseUrl,
                    new IngestException(origin + " is a feed Tidings cannot read (" + e.getClass().getSimpleName() + ")", e));
        }
        String feedLink = resolve(baseUrl, syndFeed.getLink());
        String base = feedLink != null ? feedLink : baseUrl;
        List<Feed.Item> items = new ArrayList<>();
        boolean atom = syndFeed.getFeedType() != null && syndFeed.getFeedType().startsWith("atom");
        for (SyndEntry e : syndFeed.getEntries()) {
            items.add(item(e, base, atom));
        }
        String title = plain(decoded(syndFeed.getTitleEx(), syndFeed.getTitle()));
        if (title == null && syndFeed.getModule(DCModule.URI) instanceof DCModule dc) title = plain(dc.getTitle());
        return filledIn(new Feed(syndFeed.getFeedType(), title, feedLink, items), xml, baseUrl);
    }

    /**
     * Rome drops what it does not expect: markup inside a title, an element in the wrong case, a body in
     * {@code <xhtml:body>} or {@code <dc:author>}. A lenient second reading fills those gaps, field by field,
     * when it sees the same number of items; what Rome did read always wins.
     */
    private static Feed filledIn(Feed feed, String xml, String baseUrl) {
        Feed other;
        try {
            other = LenientFeedParser.parse(xml, baseUrl);
        } catch (RuntimeException e) {
            return feed;
        }
        if (other == null || other.items().size() != feed.items().size()) return feed;
        List<Feed.Item> items = new ArrayList<>();
        for (int i = 0; i < feed.items().size(); i++) {
            Feed.Item a = feed.items().get(i);
            Feed.Item b = other.items().get(i);
            boolean body = !a.html().isBlank();
            String html = !body ? b.html() : fuller(a.html(), b.html()) && a.summary() == b.summary() ? b.html() : a.html();
            items.add(new Feed.Item(or(a.id(), b.id()), fuller(a.title(), b.title()) ? b.title() : a.title(),
                    absolute(a.link()) || !absolute(b.link()) ? or(a.link(), b.link()) : b.link(),
                    a.published() != null ? a.published() : b.published(),
                    or(a.author(), b.author()), html, body ? a.summary() : b.summary()));
        }
        return new Feed(feed.format(), fuller(feed.title(), other.title()) ? other.title() : feed.title(),
                or(feed.link(), other.link()), items);
    }

    private static boolean absolute(String link) {
        return link != null && link.matches("(?i)[a-z][a-z0-9+.-]*:.*");
    }

    /**
     * Whether the lenient reading {@code b} says more than Rome's {@code a}: Rome keeps only the text nodes of
     * an element holding unescaped markup ({@code <title type="html">Example <a href=…>test</a></title>}), so
     * its text is the lenient text with pieces missing.
     */
    private static boolean fuller(String a, String b) {
        if (b == null) return false;
        if (a == null) return true;
        String[] wa = Objects.requireNonNullElse(plain(a), "").split(" ");
        String[] wb = Objects.requireNonNullElse(plain(b), "").split(" ");
        if (wb.length <= wa.length) return false;
        // Rome's words must be what is left of the lenient words once the nested elements are taken out.
        int j = 0;
        for (int i = 0; i < wb.length && j < wa.length; i++) {
            if (wb[i].equals(wa[j])) j++;
        }
        return j == wa.length;
    }

    /**
     * Well-formed XML that Rome turns down (an unknown Atom namespace, an undeclared prefix, CDF) is read by
     * {@link LenientFeedParser}; anything else keeps Rome's error.
     */
    private static Feed lenient(String xml, String baseUrl, IngestException error) throws IngestException {
        if (LenientFeedParser.wellFormedIgnoringNamespaces(xml)) {
            Feed feed = LenientFeedParser.parse(xml, baseUrl);
            if (feed != null) return feed;
        }
        throw error;
    }

    /** A title marked as base64 (Atom 0.3 {@code mode}, or a non-text Atom 1.0 type) decoded; otherwise as given. */
    private static String decoded(SyndContent ex, String value) {
        if (ex == null || ex.getType() == null || value == null) return value;
        return LenientFeedParser.decoded(value, ex.getMode() == null ? "" : ex.getMode(), ex.getType().toLowerCase(Locale.ROOT));
    }

    private static Feed.Item item(SyndEntry e, String base, boolean atom) {
        String link = e.getLink();
        if (link == null || link.isBlank()) {
            for (SyndLink l : e.getLinks()) {
                if (l.getRel() == null || l.getRel().equals("alternate")) {
                    link = l.getHref();
                    break;
                }
            }
        }
        if ((link == null || link.isBlank()) && e.getUri() != null && e.getUri().matches("(?i)https?://.*")) {
            link = e.getUri();
        }
        Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        Foreign foreign = Foreign.of(e.getForeignMarkup());
        String author = blankToNull(e.getAuthor());
        DCModule dc = e.getModule(DCModule.URI) instanceof DCModule m ? m : null;
        if (author == null && dc != null) author = blankToNull(dc.getCreator());
        if (author == null) author = foreign.author;
        if (author == null) {
            for (SyndPerson p : e.getAuthors()) {
                author = blankToNull(p.getName());
                if (author == null) author = blankToNull(p.getEmail());
                if (author != null) break;
            }
        }
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = asHtml(c, atom);
                break;
            }
        }
        if (content == null) content = foreign.content;
        boolean summary = content == null;
        if (content == null && e.getDescription() != null && e.getDescription().getValue() != null) {
            content = asHtml(e.getDescription(), atom);
        }
        if (content == null && dc != null) content = blankToNull(dc.getDescription());
        if (content == null) content = foreign.summary;
        Published published = date == null ? foreign.published : Published.at(date.toInstant());
        String title = plain(decoded(e.getTitleEx(), e.getTitle()));
        if (title == null && dc != null) title = plain(dc.getTitle());
        if (title == null) title = plain(foreign.title);
        return new Feed.Item(blankToNull(e.getUri()), title, resolve(base, link),
                published, byline(plain(author)), content, summary);
    }

    /**
     * Atom content marked as plain text is escaped so that the HTML path keeps its angle brackets as text.
     * RSS descriptions are HTML whatever Rome guesses: that is how publishers write them.
     */
    private static String asHtml(SyndContent c, boolean atom) {
        String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
        if (atom && (type.equals("text") || type.equals("text/plain"))) {
            return org.jsoup.nodes.Entities.escape(c.getValue()).replace("\n", "<br>");
        }
        return atom ? decoded(c, c.getValue()) : c.getValue();
    }

    /**
     * The submission for one item: its body turned from HTML into paragraphs (captions kept apart as
     * boilerplate), the feed's title as the source. Fails when the item has no text at all; the caller
     * decides whether to fetch the linked page instead (see {@link #isTeaser}).
     */
    public Submission submission(Feed feed, Feed.Item item, String origin) throws IngestException {
        List<String> boilerplate = new ArrayList<>();
        List<String> paragraphs = paragraphs(item.html(), item.link(), boilerplate);
        String where = origin + (item.link() != null ? " item " + item.link()
                : item.title() != null ? " item '" + item.title() + "'" : "");
        if (paragraphs.isEmpty()) throw new IngestException(where + " has no text");
        return new Submission(where, item.title(), item.published(), item.link(), feed.title(), item.author(),
                null, String.join("\n\n", paragraphs), boilerplate);
    }

    /**
     * True when the item carries only a teaser (a summary or description shorter than {@link #SHORT_TEXT}
     * characters, or nothing) and links to the full article. Full content is taken as given, however short.
     */
    public static boolean isTeaser(Feed.Item item) {
        if (item.link() == null || !item.summary()) return false;
        String text = Jsoup.parseBodyFragment(item.html()).text();
        return text.length() < SHORT_TEXT;
    }

    /**
     * The item with the text of its page: the page's body, while the feed's own title, date, author and
     * source win because the publisher wrote them for this item.
     */
    public static Submission withPage(Submission fromFeed, Submission page) {
        return new Submission(fromFeed.origin(), or(fromFeed.title(), page.title()),
                fromFeed.published() != null ? fromFeed.published() : page.published(),
                or(fromFeed.url(), page.url()), or(fromFeed.source(), page.source()),
                or(fromFeed.author(), page.author()), page.language(), page.text(), page.boilerplate());
    }

    /** An item body as paragraphs: plain text split at blank lines, HTML through the page extractor's block walk. */
    static List<String> paragraphs(String html, String url, List<String> boilerplate) {
        if (html == null || html.isBlank()) return List.of();
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            List<String> out = new ArrayList<>();
            for (String p : html.split("\\n\\s*\\n")) {
                String t = p.strip().replaceAll("\\s+", " ");
                if (!t.isEmpty()) out.add(t);
            }
            return out;
        }
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(html, url == null ? "" : url);
        // A text reader shows an embed's fallback content, as browsers do when they cannot play it.
        for (org.jsoup.nodes.Element embed : doc.body().select("object, iframe")) {
            String inner = embed.tagName().equals("iframe") ? embed.data() + embed.wholeText() : embed.html();
            if (inner.isBlank()) embed.remove();
            else embed.before(" " + Jsoup.parseBodyFragment(inner).body().html() + " ").remove();
        }
        List<String> body = HtmlArticleExtractor.body(doc, boilerplate);
        String all = doc.text().strip();
        // An item's body is the article already: the page extractor's pruning of short or link-heavy blocks
        // is only trusted while it keeps most of what is left once captions and chrome are gone.
        int kept = body.stream().mapToInt(String::length).sum();
        if (!body.isEmpty() && kept * 2 >= all.length()) return body;
        return all.isEmpty() ? List.of() : List.of(all);
    }

    static String plain(String s) {
        if (s == null) return null;
        String t = s.indexOf('<') >= 0 || s.indexOf('&') >= 0 ? Jsoup.parse(s).text() : s;
        t = t.strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }

    static String resolve(String base, String link) {
        if (link == null || link.isBlank()) return null;
        String l = link.strip();
        if (base == null) return l;
        try {
            return URI.create(base.strip()).resolve(l).toString();
        } catch (IllegalArgumentException e) {
            return l;
        }
    }

    /** RSS puts an address in {@code <author>}, often with the name: {@code ann@x.org (Ann Lee)}; the byline is the name. */
    static String byline(String author) {
        if (author == null) return null;
        Matcher m = EMAIL_THEN_NAME.matcher(author);
        if (m.matches()) return m.group(1).strip();
        m = NAME_THEN_EMAIL.matcher(author);
        return m.matches() ? m.group(1).strip() : author;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    /**
     * What RSS items say through other vocabularies when the core elements are missing: Atom's
     * {@code published}, {@code updated}, {@code author} and {@code content}, iTunes' {@code author} and
     * {@code summary}, and the non-standard {@code dc:author}.
     */
    private record Foreign(Published published, String author, String content, String summary, String title) {
        static Foreign of(List<org.jdom2.Element> markup) {
            Published published = null;
            Published updated = null;
            String author = null;
            String content = null;
            String summary = null;
            String title = null;
            for (org.jdom2.Element el : markup) {
                String ns = el.getNamespaceURI();
                String name = el.getName();
                String text = blankToNull(el.getTextTrim());
                boolean atomNs = ns.equals("http://www.w3.org/2005/Atom");
                if (atomNs && name.equals("published") && text != null) published = PublishedDates.parse(text).orElse(published);
                else if (atomNs && name.equals("updated") && text != null) updated = PublishedDates.parse(text).orElse(updated);
                else if (atomNs && name.equals("author") && author == null) {
                    org.jdom2.Element n = el.getChild("name", el.getNamespace());
                    author = n == null ? null : blankToNull(n.getTextTrim());
                } else if (atomNs && name.equals("content") && text != null) content = el.getText();
                else if (ns.contains("itunes") && name.equals("author") && author == null) author = text;
                else if (ns.contains("itunes") && name.equals("summary") && text != null) summary = el.getText();
                else if (ns.equals("http://purl.org/dc/elements/1.1/") && name.equals("author") && author == null) author = text;
                else if (name.equals("title") && title == null) title = text;
            }
            return new Foreign(published != null ? published : updated, author, content, summary, title);
        }
    }

    /** The XML declaration's encoding, for {@link FeedCharsets}. */
    static String declaredEncoding(String asciiHead) {
        Matcher m = XML_ENCODING.matcher(asciiHead);
        return m.find() ? m.group(1) : null;
    }
}
