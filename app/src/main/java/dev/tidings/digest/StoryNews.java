package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Quote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an article brings to a story, as keys a reader's alert history can be compared with: the concepts
 * it is about ({@code concept:place/belarus}) and its quotes ({@code quote:…}, by speaker and opening
 * words, so the same quote reported twice counts once). A story alerts again only for keys it has not
 * shown the reader. Stateless.
 */
public final class StoryNews {
    private static final int QUOTE_KEY_CHARS = 60;

    private StoryNews() {
    }

    /** The article's keys. */
    public static Set<String> keys(Article article) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConceptTag tag : article.concepts()) {
            if (tag.isAbout()) keys.add(conceptKey(tag));
        }
        for (Quote quote : article.quotes()) keys.add(quoteKey(quote));
        return keys;
    }

    /**
     * What the article adds to what the reader has seen, worded for the reader ({@code Belarus},
     * {@code Ylva Johansson quoted}, {@code a new quote}); empty when it adds nothing.
     */
    public static List<String> whatIsNew(Article article, Set<String> seen) {
        List<String> news = new ArrayList<>();
        for (ConceptTag tag : article.concepts()) {
            if (tag.isAbout() && !seen.contains(conceptKey(tag)) && !news.contains(tag.label())) news.add(tag.label());
        }
        for (Quote quote : article.quotes()) {
            if (seen.contains(quoteKey(quote))) continue;
            String said = quote.speakerLabel() == null || quote.speakerLabel().isBlank()
                    ? "a new quote" : quote.speakerLabel().strip() + " quoted";
            if (!news.contains(said)) news.add(said);
        }
        return news;
    }

    private static String conceptKey(ConceptTag tag) {
        return "concept:" + tag.conceptId();
    }

    private static String quoteKey(Quote quote) {
        String words = MailFormat.oneLine(quote.text()).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", "");
        if (words.length() > QUOTE_KEY_CHARS) words = words.substring(0, QUOTE_KEY_CHARS);
        String speaker = quote.speakerId() == null ? "" : quote.speakerId();
        return "quote:" + MailFormat.sha256Hex(speaker + "|" + words, 16);
    }
}
