package dev.tidings.understand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Relevance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores tagging against the PLACES, PEOPLE and ORGS labels of Reuters-21578: micro and macro
 * precision, recall and F1 for a plain gazetteer (every name of a country, its capital or its
 * people; every name of a person or organisation in the taxonomy — counted wherever it appears)
 * and for the analyser (concepts it is about, and concepts it tags at all, discovered ones
 * included), in one pass over the stories. Our people and organisations map to Reuters codes by
 * the corpus's list of PEOPLE codes (a person's slug ends in one) and {@code eval/reuters-orgs.json}.
 * Run: {@code PlacesEvaluation [reuters folder] [limit]}; {@link ReutersPlacesIT} runs it in the build.
 */
final class PlacesEvaluation {
    /** One system's counts: per Reuters code, true positives, false positives and false negatives. */
    static final class Score {
        final String name;
        final Map<String, int[]> perCode = new TreeMap<>();

        Score(String name) {
            this.name = name;
        }

        void add(Set<String> predicted, Set<String> gold) {
            for (String p : predicted) perCode.computeIfAbsent(p, k -> new int[3])[gold.contains(p) ? 0 : 1]++;
            for (String g : gold) if (!predicted.contains(g)) perCode.computeIfAbsent(g, k -> new int[3])[2]++;
        }

        double[] micro() {
            int tp = 0, fp = 0, fn = 0;
            for (int[] c : perCode.values()) {
                tp += c[0];
                fp += c[1];
                fn += c[2];
            }
            return prf(tp, fp, fn);
        }

        /** Averaged over the codes that occur in the labels (a code only ever predicted is not a class). */
        double[] macro() {
            double p = 0, r = 0, f = 0;
            int n = 0;
            for (int[] c : perCode.values()) {
                if (c[0] + c[2] == 0) continue;
                double[] s = prf(c[0], c[1], c[2]);
                p += s[0];
                r += s[1];
                f += s[2];
                n++;
            }
            return n == 0 ? new double[3] : new double[]{p / n, r / n, f / n};
        }

        private static double[] prf(int tp, int fp, int fn) {
            double p = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            double r = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
            return new double[]{p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
        }

        /** The codes with the most false positives and false negatives, for tuning. */
        String worst(int n) {
            StringBuilder sb = new StringBuilder(name + ": most false positives ");
            perCode.entrySet().stream().sorted((a, b) -> b.getValue()[1] - a.getValue()[1]).limit(n)
                    .forEach(e -> sb.append(e.getKey()).append('=').append(e.getValue()[1]).append(' '));
            sb.append("; most false negatives ");
            perCode.entrySet().stream().sorted((a, b) -> b.getValue()[2] - a.getValue()[2]).limit(n)
                    .forEach(e -> sb.append(e.getKey()).append('=').append(e.getValue()[2]).append(' '));
            return sb.toString();
        }

        String row() {
            double[] mi = micro();
            double[] ma = macro();
            return String.format(Locale.ROOT, "| %-28s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", name,
                    mi[0], mi[1], mi[2], ma[0], ma[1], ma[2]);
        }
    }

    /** Gazetteer, about-only and any-mention scores for one Reuters category. */
    record Category(String name, Score gazetteer, Score about, Score any) {
        Category(String name) {
            this(name, new Score("gazetteer (every name hit)"), new Score("Tidings, about only"),
                    new Score("Tidings, any mention"));
        }

        String table(int stories) {
            return name + " on Reuters-21578 TRAIN, " + stories + " stories with a body\n"
                    + "| system                       | micro P | micro R | micro F1 | macro P | macro R | macro F1 |\n"
                    + "|---|---|---|---|---|---|---|\n"
                    + gazetteer.row() + "\n" + about.row() + "\n" + any.row();
        }
    }

    record Result(int stories, Category places, Category people, Category orgs) {
        Score gazetteer() {
            return places.gazetteer();
        }

        Score about() {
            return places.about();
        }

        Score any() {
            return places.any();
        }

        String table() {
            return places.table(stories);
        }
    }

    private final Map<String, String> codeOf = new HashMap<>();
    private final Map<String, String> orgCodeOf = new HashMap<>();
    private final Set<String> peopleCodes = new HashSet<>();

    /** @param reuters the Reuters-21578 folder, whose {@code all-people-strings.lc.txt} lists the PEOPLE codes */
    PlacesEvaluation(Taxonomy taxonomy, Path reuters) throws IOException {
        Map<String, List<String>> exceptions = new HashMap<>();
        try (InputStream in = PlacesEvaluation.class.getResourceAsStream("/understand/eval/reuters-places.json")) {
            JsonNode codes = new ObjectMapper().readTree(in).get("codes");
            codes.fields().forEachRemaining(f -> f.getValue().forEach(id -> codeOf.put(id.asText(), f.getKey())));
        }
        try (InputStream in = PlacesEvaluation.class.getResourceAsStream("/understand/eval/reuters-orgs.json")) {
            JsonNode codes = new ObjectMapper().readTree(in).get("codes");
            codes.fields().forEachRemaining(f -> f.getValue().forEach(id -> orgCodeOf.put(id.asText(), f.getKey())));
        }
        // Reuters' PEOPLE codes are a surname ("reagan") or, where two share one, first name and surname ("james-baker")
        Path people = reuters.resolve("all-people-strings.lc.txt");
        if (java.nio.file.Files.exists(people)) {
            for (String line : java.nio.file.Files.readAllLines(people, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (!line.isBlank()) peopleCodes.add(line.strip());
            }
        }
        // countries and former states have Reuters codes; cities and regions do not
        for (TaxonomyEntry e : taxonomy.entries()) {
            boolean state = e.codes().containsKey("iso2") || e.tags().contains("historical");
            if (e.concept().type() == ConceptType.PLACE && state && !codeOf.containsKey(e.id())) codeOf.put(e.id(), e.concept().slug());
        }
    }

    Result run(List<ReutersCorpus.Story> stories, Taxonomy taxonomy) {
        ArticleAnalyzer analyzer = new ArticleAnalyzer(taxonomy);
        NameMatcher placeNames = new NameMatcher(gazetteerOf(taxonomy));
        NameMatcher otherNames = new NameMatcher(namesOf(taxonomy));
        Vocabulary placeWords = new Vocabulary(placeNames.firstWords(), Map.of(), Map.of());
        Vocabulary otherWords = new Vocabulary(otherNames.firstWords(), Map.of(), Map.of());
        Category places = new Category("PLACES");
        Category people = new Category("PEOPLE");
        Category orgs = new Category("ORGS");
        for (ReutersCorpus.Story s : stories) {
            Text text = new Text(s.document().title(), s.document().paragraphs());
            places.gazetteer().add(codes(hits(placeNames, placeWords, text), Function.identity()), s.places());
            Set<String> names = hits(otherNames, otherWords, text);
            people.gazetteer().add(personCodes(names), s.people());
            orgs.gazetteer().add(orgCodes(names), s.orgs());
            // discovered people and organisations count: Reuters' 1987 people are mostly not in a taxonomy of today
            List<ConceptTag> tags = analyzer.analyze(s.document()).concepts();
            Map<ConceptType, Set<String>> aboutIds = new HashMap<>();
            Map<ConceptType, Set<String>> anyIds = new HashMap<>();
            for (ConceptTag t : tags) {
                anyIds.computeIfAbsent(t.type(), k -> new HashSet<>()).add(t.conceptId());
                if (t.relevance() == Relevance.ABOUT) aboutIds.computeIfAbsent(t.type(), k -> new HashSet<>()).add(t.conceptId());
            }
            places.about().add(codes(aboutIds.getOrDefault(ConceptType.PLACE, Set.of()), Function.identity()), s.places());
            places.any().add(codes(anyIds.getOrDefault(ConceptType.PLACE, Set.of()), Function.identity()), s.places());
            people.about().add(personCodes(aboutIds.getOrDefault(ConceptType.PERSON, Set.of())), s.people());
            people.any().add(personCodes(anyIds.getOrDefault(ConceptType.PERSON, Set.of())), s.people());
            orgs.about().add(orgCodes(aboutIds.getOrDefault(ConceptType.ORGANISATION, Set.of())), s.orgs());
            orgs.any().add(orgCodes(anyIds.getOrDefault(ConceptType.ORGANISATION, Set.of())), s.orgs());
        }
        return new Result(stories.size(), places, people, orgs);
    }

    private static Set<String> hits(NameMatcher matcher, Vocabulary words, Text text) {
        Set<String> hits = new HashSet<>();
        for (NameMatcher.Hit h : matcher.find(text, words.find(text), "en")) {
            for (NameMatcher.Ref r : h.refs()) if (r.conceptId() != null) hits.add(r.conceptId());
        }
        return hits;
    }

    /**
     * A person's Reuters code: the longest tail of the id's slug that is a code ("person/james-baker"
     * is james-baker, "person/ronald-reagan" is reagan). Surnames can collide across decades.
     */
    private Set<String> personCodes(Set<String> ids) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (!id.startsWith("person/")) continue;
            String slug = id.substring("person/".length());
            for (String tail = slug; ; tail = tail.substring(tail.indexOf('-') + 1)) {
                if (peopleCodes.contains(tail)) {
                    out.add(tail);
                    break;
                }
                if (tail.indexOf('-') < 0) break;
            }
        }
        return out;
    }

    private Set<String> orgCodes(Set<String> ids) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            String code = orgCodeOf.get(id);
            if (code != null) out.add(code);
        }
        return out;
    }

    /** People and organisations with their names, aliases and local names, no context rules: the plain gazetteer. */
    static Taxonomy namesOf(Taxonomy taxonomy) {
        List<TaxonomyEntry> out = new ArrayList<>();
        for (TaxonomyEntry e : taxonomy.entries()) {
            ConceptType type = e.concept().type();
            if (type == ConceptType.PERSON || type == ConceptType.ORGANISATION) {
                out.add(new TaxonomyEntry(e.concept(), e.tags(), e.importance(), e.localAliases(), null, null, e.codes()));
            }
        }
        return Taxonomy.of(out, List.of());
    }

    /** Countries with their own names only (names, capitals, demonyms), no context rules, no cities. */
    static Taxonomy gazetteerOf(Taxonomy taxonomy) {
        List<TaxonomyEntry> places = new ArrayList<>();
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.concept().type() == ConceptType.PLACE && e.concept().id().startsWith("place/") && e.codes().containsKey("iso2")) {
                places.add(new TaxonomyEntry(e.concept(), e.tags(), e.importance(), Map.of(), null, null, e.codes()));
            }
        }
        return Taxonomy.of(places, List.of());
    }

    private Set<String> codes(Set<String> ids, Function<String, String> f) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            String code = codeOf.get(f.apply(id));
            if (code != null) out.add(code);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0])
                : dev.tidings.testing.SharedData.find("data/news/reuters21578-train").orElseThrow();
        List<ReutersCorpus.Story> stories = ReutersCorpus.read(dir);
        if (args.length > 1) stories = stories.subList(0, Math.min(stories.size(), Integer.parseInt(args[1])));
        Taxonomy taxonomy = Taxonomy.bundled();
        long t0 = System.nanoTime();
        Result r = new PlacesEvaluation(taxonomy, dir).run(stories, taxonomy);
        System.out.println(r.table());
        System.out.println(r.people().table(r.stories()));
        System.out.println(r.orgs().table(r.stories()));
        if (Boolean.getBoolean("worst")) {
            System.out.println(r.about().worst(15));
            System.out.println(r.any().worst(15));
        }
        System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    }
}
