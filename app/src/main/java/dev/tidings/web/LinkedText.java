package dev.tidings.web;

import dev.tidings.model.ConceptTag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An article's paragraphs split into plain and linked pieces: the first time the text names one of
 * the article's concepts by its label, that name links to the concept's page. The template writes
 * each piece escaped, so no markup is ever built from article text.
 */
public final class LinkedText {
    /** A piece of a paragraph; {@code href} is null for plain text. */
    public record Piece(String text, String href) {}

    private LinkedText() {
    }

    public static List<List<Piece>> paragraphs(String text, List<ConceptTag> tags) {
        List<ConceptTag> byLength = new ArrayList<>(tags);
        // Longer labels first, so "European Union" wins over "Union".
        byLength.sort((a, b) -> Integer.compare(b.label().length(), a.label().length()));
        List<Named> names = byLength.stream().filter(t -> t.label().length() >= 3)
                .map(t -> new Named(t, Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(t.label())
                        + "(?![\\p{L}\\p{N}])"))).toList();
        Set<String> linked = new HashSet<>();
        List<List<Piece>> out = new ArrayList<>();
        for (String paragraph : text.split("\n\n")) out.add(link(paragraph, names, linked));
        return out;
    }

    private record Named(ConceptTag tag, Pattern pattern) {}

    private static List<Piece> link(String paragraph, List<Named> names, Set<String> linked) {
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        while (true) {
            int bestStart = -1;
            int bestEnd = -1;
            ConceptTag best = null;
            for (Named n : names) {
                if (linked.contains(n.tag().conceptId())) continue;
                Matcher m = n.pattern().matcher(paragraph);
                if (m.find(at) && (bestStart < 0 || m.start() < bestStart)) {
                    bestStart = m.start();
                    bestEnd = m.end();
                    best = n.tag();
                }
            }
            if (best == null) break;
            if (bestStart > at) pieces.add(new Piece(paragraph.substring(at, bestStart), null));
            pieces.add(new Piece(paragraph.substring(bestStart, bestEnd), "/concepts/" + best.conceptId()));
            linked.add(best.conceptId());
            at = bestEnd;
        }
        if (at < paragraph.length()) pieces.add(new Piece(paragraph.substring(at), null));
        return pieces;
    }
}
