package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Reader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses and groups what goes into one reader's digest.
 *
 * <p>A digest at instant T covers {@code [T − period, T)}; an article belongs to it when its
 * {@linkplain Article#effectivePublished() publication} overlaps {@code [start − GRACE, end)} — the grace
 * lets an article that arrived late (published just before the previous digest, stored after it) still be
 * sent — and it has not been sent to the reader before. A date-only article stands for its whole day.
 *
 * <p>Each story appears once: in the section of the earliest follow (by {@code createdAt}, then id) that any
 * of its articles matched. The entry shows the best article of the story for that follow — about the
 * followed concept rather than mentioning it, then the longer text, then the newest — and folds the others
 * in. Entries are ranked by relevance (the followed concept's score; 1 for a saved search), then by the
 * story's newest article, then by the story's size; a section keeps at most {@value #MAX_ENTRIES} entries
 * and the digest at most {@value #MAX_TOTAL_ENTRIES}, shared out so that every section keeps its best ones
 * (a longer mail is not read, and past about 100 KB mail clients clip it). A story left out by a cap is not
 * sent, so it can still come in the next digest if it falls in that period's grace.
 *
 * <p>Stateless and thread-safe; the result depends only on the arguments, never on the map's iteration order.
 */
public final class DigestBuilder {
    /** How far before a period's start an article may be published and still be sent in it. */
    public static final Duration GRACE = Duration.ofHours(12);
    /** The most entries one section carries. */
    public static final int MAX_ENTRIES = 10;
    /** The most entries one digest carries. */
    public static final int MAX_TOTAL_ENTRIES = 40;

    static final Comparator<Follow> FOLLOW_ORDER =
            Comparator.comparing(Follow::createdAt).thenComparing(Follow::id);

    /** The span of the digest at {@code at}: {@code [at − frequency.period(), at)}. */
    public DigestPeriod period(Reader reader, Instant at) {
        return new DigestPeriod(at.minus(reader.frequency().period()), at);
    }

    /**
     * The digest for the period.
     *
     * @param matches     candidate articles (those overlapping {@code [start − GRACE, end)} that matched a
     *                    follow of this reader) with the follows they matched; matches of other readers'
     *                    follows are ignored
     * @param alreadySent ids of articles this reader was already sent
     * @return a digest with no sections when there is nothing new
     */
    public Digest build(Reader reader, DigestPeriod period, Map<Article, List<FollowMatch>> matches,
                        Set<String> alreadySent) {
        return compose(reader, period, matches, alreadySent).digest();
    }

    /**
     * The digest and, per section in the same order, the follow it is for and how many of its stories the
     * caps left out (for the "N more on the web" link and the section's own unsubscribe link).
     */
    public Composed compose(Reader reader, DigestPeriod period, Map<Article, List<FollowMatch>> matches,
                            Set<String> alreadySent) {
        Instant from = period.start().minus(GRACE);
        // Story id -> article id -> candidate; sorted maps so that the outcome never depends on input order.
        Map<String, Map<String, Candidate>> stories = new TreeMap<>();
        for (Map.Entry<Article, List<FollowMatch>> e : matches.entrySet()) {
            Article article = e.getKey();
            if (alreadySent.contains(article.id()) || !article.effectivePublished().overlaps(from, period.end())) {
                continue;
            }
            List<FollowMatch> own = e.getValue().stream()
                    .filter(m -> m.follow().readerId().equals(reader.id()))
                    .toList();
            if (own.isEmpty()) {
                continue;
            }
            stories.computeIfAbsent(article.story(), s -> new TreeMap<>())
                    .merge(article.id(), new Candidate(article, own), Candidate::merge);
        }

        Map<Follow, List<Ranked>> bySection = new TreeMap<>(FOLLOW_ORDER);
        for (Map<String, Candidate> story : stories.values()) {
            Ranked ranked = entryFor(List.copyOf(story.values()));
            bySection.computeIfAbsent(ranked.follow(), f -> new ArrayList<>()).add(ranked);
        }

        List<List<Ranked>> ranked = bySection.values().stream()
                .map(entries -> entries.stream().sorted(Ranked.ORDER).limit(MAX_ENTRIES).toList())
                .toList();
        int[] kept = shareOut(ranked.stream().mapToInt(List::size).toArray(), MAX_TOTAL_ENTRIES);
        List<Digest.Section> sections = new ArrayList<>();
        List<SectionInfo> infos = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Follow, List<Ranked>> section : bySection.entrySet()) {
            List<Digest.Entry> entries = ranked.get(i).subList(0, kept[i]).stream().map(Ranked::entry).toList();
            sections.add(new Digest.Section(section.getKey().label(), entries));
            infos.add(new SectionInfo(section.getKey(), section.getValue().size() - kept[i]));
            i++;
        }
        return new Composed(new Digest(reader, period, sections), infos);
    }

    /** A digest with what its sections are for; {@code sections} is in the digest's section order. */
    public record Composed(Digest digest, List<SectionInfo> sections) {
        public Composed {
            sections = List.copyOf(sections);
            if (sections.size() != digest.sections().size()) {
                throw new IllegalArgumentException("one section info per section");
            }
        }
    }

    /**
     * @param follow  the follow a section is for
     * @param leftOut stories of the section the caps left out
     */
    public record SectionInfo(Follow follow, int leftOut) {}

    /**
     * How many entries each section keeps when they may hold {@code limit} together: slots are dealt out
     * rank by rank (every section's best, then every section's second…), so no section is crowded out.
     */
    static int[] shareOut(int[] available, int limit) {
        int[] kept = new int[available.length];
        int left = limit;
        for (int rank = 0; left > 0; rank++) {
            boolean any = false;
            for (int s = 0; s < available.length && left > 0; s++) {
                if (available[s] > rank) {
                    kept[s]++;
                    left--;
                    any = true;
                }
            }
            if (!any) break;
        }
        return kept;
    }

    /** The entry for one story: its section's follow, the article shown, the others folded in. */
    private static Ranked entryFor(List<Candidate> story) {
        Follow follow = story.stream()
                .flatMap(c -> c.matches().stream())
                .map(FollowMatch::follow)
                .min(FOLLOW_ORDER)
                .orElseThrow();
        Candidate best = story.stream()
                .filter(c -> c.match(follow) != null)
                .min(bestFor(follow))
                .orElseThrow();
        List<Article> others = story.stream()
                .filter(c -> c != best)
                .map(Candidate::article)
                .sorted(Comparator.comparing((Article a) -> a.effectivePublished().instant()).thenComparing(Article::id))
                .toList();
        Instant newest = story.stream()
                .map(c -> c.article().effectivePublished().instant())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Digest.Entry entry = new Digest.Entry(best.article(), best.match(follow).reason(), others);
        return new Ranked(follow, entry, relevance(best.article(), follow), newest, story.size());
    }

    /** Best first: about the followed concept, then the longer text, then the newest; the id settles ties. */
    private static Comparator<Candidate> bestFor(Follow follow) {
        return Comparator.comparing((Candidate c) -> isAbout(c.article(), follow)).reversed()
                .thenComparing(c -> c.article().text().length(), Comparator.reverseOrder())
                .thenComparing(c -> c.article().effectivePublished().instant(), Comparator.reverseOrder())
                .thenComparing(c -> c.article().id());
    }

    private static boolean isAbout(Article article, Follow follow) {
        return follow.kind() == Follow.Kind.CONCEPT
                && article.tag(follow.target()).map(ConceptTag::isAbout).orElse(false);
    }

    /** The followed concept's score in the article; a saved search that matched counts as fully relevant. */
    static double relevance(Article article, Follow follow) {
        if (follow.kind() == Follow.Kind.QUERY) {
            return 1.0;
        }
        return article.tag(follow.target()).map(ConceptTag::score).orElse(0.0);
    }

    /** One matched article and the follows it matched (this reader's only). */
    private record Candidate(Article article, List<FollowMatch> matches) {
        Candidate merge(Candidate other) {
            Map<String, FollowMatch> byFollow = new LinkedHashMap<>();
            for (FollowMatch m : matches) byFollow.putIfAbsent(m.follow().id(), m);
            for (FollowMatch m : other.matches) byFollow.putIfAbsent(m.follow().id(), m);
            return new Candidate(article, List.copyOf(byFollow.values()));
        }

        FollowMatch match(Follow follow) {
            return matches.stream().filter(m -> m.follow().id().equals(follow.id())).findFirst().orElse(null);
        }
    }

    /** An entry with what it is ranked by. */
    private record Ranked(Follow follow, Digest.Entry entry, double relevance, Instant newest, int size) {
        static final Comparator<Ranked> ORDER = Comparator.comparingDouble(Ranked::relevance).reversed()
                .thenComparing(Ranked::newest, Comparator.reverseOrder())
                .thenComparing(Ranked::size, Comparator.reverseOrder())
                .thenComparing(r -> r.entry().article().id());
    }
}
