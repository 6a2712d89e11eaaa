package dev.tidings.understand;

import dev.tidings.model.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Reuters-21578 SGML files into documents as a wire service would deliver them: the
 * title, then the body with its dateline in front ({@code NEW YORK, March 3 - ...}), paragraphs at
 * Reuters' indented line starts, with the labelled PLACES beside each.
 */
final class ReutersCorpus {
    /** A story with its PLACES, PEOPLE and ORGS codes. */
    record Story(String id, Document document, Set<String> places, Set<String> people, Set<String> orgs) {
    }

    private static final Pattern STORY = Pattern.compile("<REUTERS[^>]*NEWID=\"(\\d+)\">(.*?)</REUTERS>", Pattern.DOTALL);
    private static final Pattern D = Pattern.compile("<D>(.*?)</D>");

    private ReutersCorpus() {
    }

    static List<Story> read(Path dir) throws IOException {
        List<Story> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sgm")).sorted().toList()) {
                // the files are Latin-1 with a few control characters; ISO-8859-1 reads every byte
                String sgml = Files.readString(f, StandardCharsets.ISO_8859_1);
                Matcher m = STORY.matcher(sgml);
                while (m.find()) {
                    Story s = story(m.group(1), m.group(2));
                    if (s != null) out.add(s);
                }
            }
        }
        return out;
    }

    private static Story story(String id, String sgml) {
        String body = element(sgml, "BODY");
        if (body == null || body.isBlank()) return null;
        Set<String> places = codes(sgml, "PLACES");
        Set<String> people = codes(sgml, "PEOPLE");
        Set<String> orgs = codes(sgml, "ORGS");
        String title = unescape(element(sgml, "TITLE") == null ? "" : element(sgml, "TITLE")).strip();
        String dateline = unescape(element(sgml, "DATELINE") == null ? "" : element(sgml, "DATELINE")).strip();
        body = unescape(body).replaceAll("\\s*Reuter\\s*$", "").replaceAll("[\\x00-\\x08\\x0B-\\x1F]", "");
        List<String> paragraphs = new ArrayList<>();
        for (String p : body.split("\n {3,}")) {
            String s = p.replaceAll("\\s+", " ").strip();
            if (!s.isEmpty()) paragraphs.add(s);
        }
        if (paragraphs.isEmpty()) return null;
        if (!dateline.isEmpty()) paragraphs.set(0, dateline + " " + paragraphs.get(0));
        Document doc = new Document("reuters/" + id, title, null, null, "Reuters", null, "en",
                String.join("\n\n", paragraphs), "", List.of());
        return new Story(id, doc, places, people, orgs);
    }

    private static Set<String> codes(String sgml, String element) {
        Set<String> out = new LinkedHashSet<>();
        String inner = element(sgml, element);
        Matcher d = D.matcher(inner == null ? "" : inner);
        while (d.find()) out.add(d.group(1));
        return out;
    }

    private static String element(String sgml, String name) {
        int open = sgml.indexOf("<" + name + ">");
        if (open < 0) return null;
        int close = sgml.indexOf("</" + name + ">", open);
        return close < 0 ? sgml.substring(open + name.length() + 2) : sgml.substring(open + name.length() + 2, close);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll("&#\\d+;", "");
    }
}
