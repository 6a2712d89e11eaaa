package dev.tidings.understand;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses the language of a text: Apache OpenNLP's character n-gram model (103 languages, from the
 * {@code opennlp-models-langdetect} jar) for a sentence or more, and for shorter text, or when the
 * model's answer has no two-letter code, profiles of short function words. A word shared by
 * several languages counts for each of them in proportion ("de" is Spanish, French and Dutch);
 * below a handful of known words the answer is English. Thread-safe: the model is immutable and
 * each thread gets its own detector over it.
 */
final class LanguageDetector {
    static final String FALLBACK = "en";
    /** Fewer words than this and character statistics are noise; the function words decide. */
    private static final int MODEL_MIN_WORDS = 8;
    private static final int MODEL_SAMPLE_CHARS = 1500;
    private static final double CLEAR_LEAD_WORDS = 8;
    private static final Map<String, String> TWO_LETTER = new HashMap<>();

    static {
        for (String code : java.util.Locale.getISOLanguages()) {
            try {
                TWO_LETTER.put(new java.util.Locale(code).getISO3Language(), code);
            } catch (java.util.MissingResourceException e) {
                // a language without a three-letter code cannot be one of the model's answers
            }
        }
    }

    /** Holder idiom: the 10 MB model is read once, on first use. */
    private static final class Model {
        static final opennlp.tools.langdetect.LanguageDetectorModel INSTANCE = load();

        private static opennlp.tools.langdetect.LanguageDetectorModel load() {
            try (java.io.InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
                if (in == null) return null;
                return new opennlp.tools.langdetect.LanguageDetectorModel(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the OpenNLP language model", e);
            }
        }
    }

    private final ThreadLocal<opennlp.tools.langdetect.LanguageDetectorME> model = ThreadLocal.withInitial(
            () -> Model.INSTANCE == null ? null : new opennlp.tools.langdetect.LanguageDetectorME(Model.INSTANCE));

    private static final Map<String, String> STOP_WORDS = Map.of(
            "en", "the and of to is that was for with it on are have has this be by from at which said were not they he "
                    + "she his her been will would their who an or but after also its into than more about there had",
            "de", "der die und das ist nicht mit von den dem des ein eine einer sich auf für wird sind auch es im nach bei "
                    + "zu dass werden wurde hat aus oder sie er wie noch über vor nur am zum zur durch gegen seit",
            "fr", "le la les des et est une un du que qui dans pour pas sur au aux avec ce il elle sont ont été mais par plus "
                    + "cette ses leur selon entre depuis contre lors sans ainsi très",
            "es", "el la los las de que y en un una es por con para del se al su sus lo como más pero fue ha han este esta "
                    + "está según entre sobre desde también muy sin hasta",
            "it", "il lo la gli le di che e è un una per con del della dei delle non sono nel nella alla anche ha hanno come "
                    + "più questo stato tra dal degli gli secondo",
            "nl", "de het een en van is dat niet op te in met zijn voor er ook maar aan bij door wordt om naar heeft werd als "
                    + "dit worden ze nog volgens tegen",
            "pl", "i w z na się nie do to że jest o jak od po ale są przez dla tak jego być już czy przy także oraz który "
                    + "która było ich jej według",
            "pt", "o a os as de que e em um uma é por com para do da dos das se ao não mais mas foi segundo também está",
            "sv", "och att det som en på är av för med till den har inte om ett var jag men de sig från");

    private final Map<String, Map<String, Double>> weights = new HashMap<>();

    LanguageDetector() {
        Map<String, Integer> shared = new HashMap<>();
        STOP_WORDS.values().forEach(list -> List.of(list.split(" ")).stream().distinct()
                .forEach(w -> shared.merge(w, 1, Integer::sum)));
        STOP_WORDS.forEach((lang, list) -> {
            for (String w : list.split(" ")) {
                weights.computeIfAbsent(w, k -> new HashMap<>()).put(lang, 1.0 / shared.get(w));
            }
        });
    }

    /** ISO 639-1 code of the text's language; {@link #FALLBACK} when nothing is recognised. */
    String detect(String text) {
        String sample = text.length() > MODEL_SAMPLE_CHARS ? text.substring(0, MODEL_SAMPLE_CHARS) : text;
        Map<String, Double> scores = functionWordScores(sample);
        // a clear lead in function words settles it at a fraction of the model's cost
        double[] top = topTwo(scores);
        if (top[0] >= CLEAR_LEAD_WORDS && top[0] >= 3 * top[1]) return best(scores);
        opennlp.tools.langdetect.LanguageDetectorME me = model.get();
        if (me != null && sample.split("\\s+").length >= MODEL_MIN_WORDS) {
            String code = TWO_LETTER.get(me.predictLanguage(sample).getLang());
            if (code != null) return code;
        }
        return best(scores);
    }

    private Map<String, Double> functionWordScores(String sample) {
        Map<String, Double> scores = new HashMap<>();
        for (String word : sample.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            Map<String, Double> w = weights.get(word);
            if (w != null) w.forEach((lang, v) -> scores.merge(lang, v, Double::sum));
        }
        return scores;
    }

    private static double[] topTwo(Map<String, Double> scores) {
        double first = 0;
        double second = 0;
        for (double v : scores.values()) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return new double[]{first, second};
    }

    private static String best(Map<String, Double> scores) {
        return scores.entrySet().stream()
                .filter(e -> e.getValue() >= 2.0)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(FALLBACK);
    }
}
