package dev.tidings.web;

import dev.tidings.model.Article;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes Atom 1.0 (RFC 4287) feeds of articles; the XML writer escapes every value. */
final class AtomFeed {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    static String write(String title, String selfUrl, String alternateUrl, String baseUrl, List<Article> articles,
                        Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            element(x, "id", selfUrl);
            element(x, "title", title);
            Instant updated = articles.stream().map(a -> a.effectivePublished().instant()).max(Instant::compareTo).orElse(now);
            element(x, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
            link(x, "self", selfUrl, "application/atom+xml");
            link(x, "alternate", alternateUrl, "text/html");
            x.writeStartElement("generator");
            x.writeCharacters("Tidings");
            x.writeEndElement();
            for (Article a : articles) {
                x.writeStartElement("entry");
                element(x, "id", "urn:tidings:article:" + a.id());
                element(x, "title", a.title());
                element(x, "updated", DateTimeFormatter.ISO_INSTANT.format(a.effectivePublished().instant()));
                element(x, "published", DateTimeFormatter.ISO_INSTANT.format(a.effectivePublished().instant()));
                link(x, "alternate", baseUrl + "/articles/" + a.id(), "text/html");
                if (a.url() != null) link(x, "related", a.url(), null);
                x.writeStartElement("author");
                element(x, "name", a.author() != null ? a.author() : a.source() != null ? a.source() : "Tidings");
                x.writeEndElement();
                element(x, "summary", a.summary());
                for (var t : a.concepts()) {
                    x.writeEmptyElement("category");
                    x.writeAttribute("term", t.conceptId());
                    x.writeAttribute("label", t.label());
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text == null ? "" : text);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        if (type != null) x.writeAttribute("type", type);
    }
}
