package dev.tidings.normalize;

import dev.tidings.model.Document;
import dev.tidings.model.Submission;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Submission} into a clean {@link Document}: text cleaned and quotes repaired paragraph by
 * paragraph, boilerplate moved out of the body (in order of appearance, after what the reader already set
 * aside), a title (the given one, else the first sentence of the first real paragraph) and a summary (the
 * first sentence or two of the body).
 *
 * <p>Stateless and thread-safe.
 */
public final class DocumentNormalizer {
    /** A derived title longer than this is cut. */
    static final int LONG_TITLE = 110;
    /** Where a long derived title is cut, at the last word boundary before it. */
    static final int TITLE_CUT = 100;
    /** Summaries stay under this length. */
    static final int SUMMARY_MAX = 300;
    static final String UNTITLED = "Untitled";

    private final BoilerplateDetector detector = new BoilerplateDetector();

    public Document normalize(Submission submission) {
        List<String> boilerplate = new ArrayList<>();
        for (String b : submission.boilerplate()) {
            String clean = TextCleaner.clean(b).replace('\n', ' ');
            if (!clean.isEmpty()) {
                boilerplate.add(clean);
            }
        }
        List<String> paragraphs = new ArrayList<>();
        for (String p : TextCleaner.paragraphs(submission.text())) {
            paragraphs.add(QuoteRepairer.repair(p));
        }
        List<String> body = new ArrayList<>();
        List<String> detected = new ArrayList<>();
        for (String p : paragraphs) {
            (detector.isBoilerplate(p) ? detected : body).add(p);
        }
        if (body.isEmpty()) {
            // Everything looked like furniture: better to keep a short article than to lose it.
            body = paragraphs;
            detected = List.of();
        }
        boilerplate.addAll(detected);

        String title = submission.title() == null ? "" : TextCleaner.clean(plain(submission.title())).replace('\n', ' ');
        if (title.isEmpty()) {
            title = deriveTitle(body);
        }
        String text = String.join("\n\n", body);
        return new Document(submission.origin(), title, submission.published(), blankToNull(submission.url()),
                blankToNull(plain(submission.source())), blankToNull(plain(submission.author())),
                blankToNull(submission.language()), text, summarize(body), boilerplate);
    }

    /**
     * A one-line field as plain text: feeds and JSON inputs sometimes carry markup in titles, bylines
     * and source names ({@code <b>Wire</b>}, escaped entities); a reader should see the words, not tags.
     */
    static String plain(String field) {
        if (field == null) return null;
        if (field.indexOf('<') < 0 && field.indexOf('&') < 0) return field;
        return org.jsoup.Jsoup.parseBodyFragment(field).text();
    }

    /** The first sentence of the first paragraph, cut at a word boundary when long. */
    static String deriveTitle(List<String> body) {
        for (String p : body) {
            List<String> sentences = SentenceSplitter.split(p.replace('\n', ' '));
            if (sentences.isEmpty()) {
                continue;
            }
            String first = sentences.get(0);
            if (first.endsWith(".") && !first.endsWith("..")) {
                first = first.substring(0, first.length() - 1);
            }
            if (first.length() > LONG_TITLE) {
                first = cut(first, TITLE_CUT);
            }
            if (!first.isBlank()) {
                return first;
            }
        }
        return UNTITLED;
    }

    /** The first sentence of the body, and the second (maybe from the next paragraph) when both fit. */
    static String summarize(List<String> body) {
        if (body.isEmpty()) {
            return "";
        }
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < body.size() && sentences.size() < 2; i++) {
            sentences.addAll(SentenceSplitter.split(body.get(i).replace('\n', ' ')));
        }
        if (sentences.isEmpty()) {
            return "";
        }
        String summary = sentences.get(0);
        if (summary.length() > SUMMARY_MAX) {
            return cut(summary, SUMMARY_MAX - 1);
        }
        if (sentences.size() > 1 && summary.length() + 1 + sentences.get(1).length() <= SUMMARY_MAX) {
            summary = summary + " " + sentences.get(1);
        }
        return summary;
    }

    /** Cuts {@code s} at the last space before {@code limit} and adds an ellipsis. */
    static String cut(String s, int limit) {
        int space = s.lastIndexOf(' ', limit);
        String head = (space > limit / 2 ? s.substring(0, space) : s.substring(0, limit)).strip();
        head = head.replaceAll("[\\s,;:–—-]+$", "");
        return head + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
