package dev.tidings.ingest;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OPML 2.0 lists of feeds: reads every {@code outline} with an {@code xmlUrl} (at any depth, so folders
 * are flattened) and writes a flat list back. The XML parser refuses DOCTYPEs and external entities.
 */
public final class Opml {
    /** One feed in a list: its title (may be null), the feed URL and the site URL (may be null). */
    public record Outline(String title, String xmlUrl, String htmlUrl) {
    }

    private Opml() {
    }

    /** Whether the bytes look like an OPML document. */
    public static boolean looksLikeOpml(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return head.contains("<opml");
    }

    /** The feeds listed in an OPML document; {@code origin} names it in errors. */
    public static List<Outline> read(byte[] bytes, String origin) throws IngestException {
        String xml = FeedCharsets.decode(bytes, null, origin);
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        } catch (SAXException e) {
            throw new IngestException(origin + " is not a readable OPML file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IngestException("cannot read " + origin, e);
        }
        if (!doc.getDocumentElement().getTagName().equalsIgnoreCase("opml")) {
            throw new IngestException(origin + " is not an OPML file");
        }
        List<Outline> out = new ArrayList<>();
        NodeList outlines = doc.getElementsByTagName("outline");
        for (int i = 0; i < outlines.getLength(); i++) {
            Element o = (Element) outlines.item(i);
            String url = o.getAttribute("xmlUrl").strip();
            if (url.isEmpty()) continue;
            String title = o.getAttribute("title").isBlank() ? o.getAttribute("text").strip() : o.getAttribute("title").strip();
            String html = o.getAttribute("htmlUrl").strip();
            out.add(new Outline(title.isEmpty() ? null : title, url, html.isEmpty() ? null : html));
        }
        return out;
    }

    /** An OPML 2.0 document listing the feeds. */
    public static String write(String title, List<Outline> outlines) {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>")
                .append(escape(title)).append("</title>\n  </head>\n  <body>\n");
        for (Outline o : outlines) {
            String name = o.title() == null ? o.xmlUrl() : o.title();
            s.append("    <outline type=\"rss\" text=\"").append(escape(name)).append("\" title=\"").append(escape(name))
                    .append("\" xmlUrl=\"").append(escape(o.xmlUrl())).append('"');
            if (o.htmlUrl() != null) s.append(" htmlUrl=\"").append(escape(o.htmlUrl())).append('"');
            s.append("/>\n");
        }
        return s.append("  </body>\n</opml>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
