package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Follow;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded news and saved searches shaped like the real thing, for the matcher contract and the matching
 * benchmarks (which use this class through the test jar, so both see the same workload).
 *
 * <p><b>Words</b>: a vocabulary of {@code vocabulary} word types with Zipf frequencies (the r-th most
 * frequent with probability proportional to 1/r): English function words first, then made-up words,
 * shorter the more frequent, as in a real language. Frequent word pairs (collocations such as
 * "interior ministers") are sprinkled in, so phrases occur. <b>Articles</b>: about 800 words of that
 * distribution in sentences, a title, one of forty sources, mostly English, and three to eight concepts
 * of the taxonomy given (popular concepts far more often; the first one or two the article is about).
 *
 * <p><b>Searches</b> are what readers type into an alert box: one to four words, phrases, proximity,
 * OR, NOT, {@code title:}, {@code concept:}/{@code about:} references, a rare prefix. Their words are
 * content words: never function words, drawn from the middle and the long tail of the vocabulary,
 * so a search matches a small fraction of articles, as alert queries do.
 *
 * <p>Everything is derived from the seed passed in; not thread-safe (one {@link Random} per caller).
 */
public final class SyntheticNews {
    private static final String[] FUNCTION_WORDS = ("the of and to a in that is was he for it with as his on be at by"
            + " i this had not are but from or have an they which one you were her all she there would their we him"
            + " been has when who will more no if out so said what up its about into than them can only other new"
            + " some could time these two may then do first any my now such like our over man me even most made"
            + " after also did many before must through back years where much your way well down should because"
            + " each just those people how too little state good very make world still own see men work long get"
            + " here between both life being under never day same another know while last might us great old year"
            + " off come since against go came right used take three").split(" ");
    private static final String CONSONANTS = "bdfgklmnprtvz";
    private static final String VOWELS = "aiou";
    /** Searches use no word more frequent than this rank: the head of the list is what every article says. */
    private static final int SEARCH_WORDS_FROM = 5_000;
    private static final int COLLOCATIONS = 20_000;
    private static final int SOURCES = 40;
    private static final Instant AT = Instant.parse("2026-11-10T06:00:00Z");

    private final String[] words;
    /** Cumulative Zipf weights over {@link #words}, for drawing article text. */
    private final double[] textWeights;
    /** Cumulative weights over the search vocabulary (ranks from {@link #SEARCH_WORDS_FROM}). */
    private final double[] searchWeights;
    private final String[][] collocations;
    private final double[] collocationWeights;
    private final List<Concept> concepts;
    private final double[] conceptWeights;
    private final String[] sources;

    /**
     * @param concepts   the taxonomy to tag articles with and refer to in searches; shuffled with a fixed
     *                   seed to decide which are popular, so popularity does not follow the file order
     * @param vocabulary how many word types; 100,000 is about a year of a news wire's vocabulary
     */
    public SyntheticNews(List<Concept> concepts, int vocabulary) {
        List<Concept> shuffled = new ArrayList<>(concepts);
        Collections.shuffle(shuffled, new Random(42));
        this.concepts = List.copyOf(shuffled);
        words = new String[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            words[r] = r < FUNCTION_WORDS.length ? FUNCTION_WORDS[r] : madeUp(r - FUNCTION_WORDS.length);
        }
        textWeights = zipf(vocabulary, 1.0);
        // readers' words: content words, the popular ones more often, but with a flatter curve than the text's
        searchWeights = zipf(vocabulary - SEARCH_WORDS_FROM, 0.6);
        Random r = new Random(vocabulary);
        collocations = new String[COLLOCATIONS][];
        for (int i = 0; i < COLLOCATIONS; i++) {
            collocations[i] = new String[] {words[300 + r.nextInt(vocabulary / 4)], words[300 + r.nextInt(vocabulary / 2)]};
        }
        collocationWeights = zipf(COLLOCATIONS, 1.0);
        conceptWeights = zipf(Math.max(1, concepts.size()), 1.0);
        sources = new String[SOURCES];
        for (int i = 0; i < SOURCES; i++) sources[i] = capital(madeUp(9_000 + i * 31)) + " " + (i % 2 == 0 ? "Times" : "Wire");
    }

    /** {@code n} articles of about 800 words, seeded. */
    public List<Article> articles(int n, long seed) {
        Random r = new Random(seed);
        List<Article> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(article("synthetic-" + seed + "-" + i, r));
        return out;
    }

    /** {@code n} saved searches, seeded; each parses. */
    public List<String> searches(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(search(r));
        return out;
    }

    public Article article(String id, Random r) {
        StringBuilder title = new StringBuilder();
        int titleLength = 6 + r.nextInt(7);
        for (int i = 0; i < titleLength; i++) title.append(i == 0 ? capital(textWord(r)) : textWord(r)).append(' ');
        StringBuilder text = new StringBuilder(6_000);
        int sentence = 0;
        int sentenceLength = 12 + r.nextInt(14);
        for (int i = 0; i < 800; i++) {
            String w;
            if (r.nextInt(40) == 0) {
                String[] pair = collocations[draw(collocationWeights, r)];
                w = pair[0] + " " + pair[1];
                i++;
            } else {
                w = textWord(r);
            }
            text.append(sentence == 0 ? capital(w) : w);
            if (++sentence == sentenceLength) {
                text.append(r.nextInt(6) == 0 ? ", " : ". ");
                sentence = 0;
                sentenceLength = 12 + r.nextInt(14);
            } else {
                text.append(' ');
            }
        }
        List<ConceptTag> tags = new ArrayList<>();
        int count = concepts.isEmpty() ? 0 : 3 + r.nextInt(6);
        int about = 1 + r.nextInt(2);
        for (int tries = 0; tags.size() < count && tries < 50; tries++) {
            Concept c = concept(r);
            if (tags.stream().anyMatch(t -> t.conceptId().equals(c.id()))) continue;
            boolean isAbout = tags.size() < about;
            tags.add(new ConceptTag(c.id(), c.label(), c.type(), isAbout ? Relevance.ABOUT : Relevance.MENTIONS,
                    isAbout ? 0.8 : 0.3, 1 + r.nextInt(4)));
        }
        String language = switch (r.nextInt(20)) {
            case 0 -> "de";
            case 1 -> "fr";
            default -> "en";
        };
        String t = title.toString().strip();
        return new Article(id, t, Published.at(AT), language, null, sources[r.nextInt(SOURCES)], null, t,
                text.toString().strip(), List.of(), tags, List.of(), id, "hash-" + id, AT);
    }

    /** A saved search in one of the forms readers use, about as often as they use it. */
    public String search(Random r) {
        int form = r.nextInt(100);
        if (form < 24) return searchWord(r);
        if (form < 44) return searchWord(r) + " " + searchWord(r);
        if (form < 50) return searchWord(r) + " " + searchWord(r) + " " + searchWord(r)
                + (r.nextBoolean() ? " " + searchWord(r) : "");
        if (form < 62) return phrase(r);
        if (form < 66) return phrase(r) + "~" + (2 + r.nextInt(5));
        if (form < 73) return searchWord(r) + " OR " + searchWord(r) + (r.nextBoolean() ? " OR " + searchWord(r) : "");
        if (form < 77) return searchWord(r) + " -" + searchWord(r);
        if (form < 80) return "(" + searchWord(r) + " OR " + phrase(r) + ") AND NOT " + searchWord(r);
        if (form < 84 && !concepts.isEmpty()) {
            return (r.nextBoolean() ? "about:" : "concept:") + concept(r).id() + " " + searchWord(r);
        }
        if (form < 88 && !concepts.isEmpty()) {
            // a concept alone is mostly a concept follow; as a search, readers narrow popular ones down
            return (r.nextBoolean() ? "about:" : "concept:") + concepts.get(20 + r.nextInt(concepts.size() - 20)).id();
        }
        if (form < 92) return "title:" + searchWord(r) + (r.nextBoolean() ? " " + searchWord(r) : "");
        if (form < 94) return phrase(r) + " " + searchWord(r);
        if (form < 96) return "lang:" + (r.nextBoolean() ? "de" : "fr") + " " + searchWord(r);
        if (form < 97) return "source:" + sources[r.nextInt(SOURCES)].split(" ")[0].toLowerCase(Locale.ROOT) + " " + searchWord(r);
        if (form < 99) return searchWord(r) + " " + searchWord(r) + " OR " + searchWord(r);
        String w = searchWord(r);
        return (w.length() >= 6 ? w.substring(0, 5) : w) + "*";
    }

    /** A concept, the popular ones far more often (Zipf over the list given). */
    public Concept concept(Random r) {
        return concepts.get(draw(conceptWeights, r));
    }

    /**
     * {@code perReader} concept follows for each of {@code readers} readers (follow ids {@code f<i>}),
     * concepts drawn like {@link #concept}, one in four about-only; seeded.
     */
    public List<Follow> conceptFollows(int readers, int perReader, long seed) {
        Random r = new Random(seed);
        List<Follow> out = new ArrayList<>(readers * perReader);
        for (int reader = 0; reader < readers; reader++) {
            List<String> theirs = new ArrayList<>(perReader);
            for (int tries = 0; theirs.size() < perReader && tries < perReader * 10; tries++) {
                Concept c = concept(r);
                if (theirs.contains(c.id())) continue;
                theirs.add(c.id());
                out.add(new Follow("f" + out.size(), "r" + reader, Follow.Kind.CONCEPT, c.id(), c.label(), true,
                        r.nextInt(4) == 0, AT));
            }
        }
        return out;
    }

    private String textWord(Random r) {
        return words[draw(textWeights, r)];
    }

    private String searchWord(Random r) {
        return words[SEARCH_WORDS_FROM + draw(searchWeights, r)];
    }

    private String phrase(Random r) {
        // skip the handful of pairs nearly every article has
        int i;
        do {
            i = draw(collocationWeights, r);
        } while (i < 200);
        String[] pair = collocations[i];
        return "\"" + pair[0] + " " + pair[1] + "\"";
    }

    /** The n-th made-up word: consonant-vowel syllables, two for the first 2,704, then three. */
    private static String madeUp(int n) {
        int syllables = CONSONANTS.length() * VOWELS.length();
        int count = n < syllables * syllables ? 2 : 3;
        if (count == 3) n -= syllables * syllables;
        StringBuilder w = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++) {
            int s = n % syllables;
            n /= syllables;
            w.append(CONSONANTS.charAt(s / VOWELS.length())).append(VOWELS.charAt(s % VOWELS.length()));
        }
        return w.toString();
    }

    private static double[] zipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static int draw(double[] cumulative, Random r) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
