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
import java.util.HashMap;
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
        List<Matched> list = new ArrayList<>(matches.size());
        for (Map.Entry<Article, List<FollowMatch>> e : matches.entrySet()) list.add(new Matched(e.getKey(), e.getValue()));
        return compose(reader, period, list, alreadySent);
    }

    /**
     * As {@link #compose(Reader, DigestPeriod, Map, Set)}, with the candidates as a list: a caller that groups
     * matches by article id need not hash whole articles (a record hashes every field, its text included).
     */
    public Composed compose(Reader reader, DigestPeriod period, List<Matched> matches, Set<String> alreadySent) {
        Instant from = period.start().minus(GRACE);
        // Article id -> candidate, then story id -> its candidates. The outcome does not depend on the order of
        // either: every choice below is settled by a total order that ends in an id.
        Map<String, Candidate> byId = new HashMap<>(matches.size() * 2);
        for (Matched m : matches) {
            Article article = m.article();
            if (!alreadySent.isEmpty() && alreadySent.contains(article.id())
                    || !article.effectivePublished().overlaps(from, period.end())) {
                continue;
            }
            List<FollowMatch> own = own(m.matches(), reader.id());
            if (own.isEmpty()) {
                continue;
            }
            byId.merge(article.id(), new Candidate(article, own), Candidate::merge);
        }
        Map<String, List<Candidate>> stories = new HashMap<>(byId.size() * 2);
        for (Candidate c : byId.values()) {
            stories.computeIfAbsent(c.article().story(), s -> new ArrayList<>(2)).add(c);
        }
        return compose(reader, period, stories.values());
    }

    /**
     * As {@link #compose(Reader, DigestPeriod, List, Set)}, for candidates a round has already grouped: each
     * article at most once, with only this reader's matches, and the articles of a story next to each other
     * (as they come when the period's articles are matched in story order). Then no map is needed to find
     * the stories; the digest is the same.
     */
    public Composed composeGrouped(Reader reader, DigestPeriod period, List<Matched> byStory, Set<String> alreadySent) {
        Instant from = period.start().minus(GRACE);
        List<List<Candidate>> stories = new ArrayList<>(byStory.size() / 2 + 1);
        List<Candidate> story = null;
        String storyId = null;
        for (Matched m : byStory) {
            Article article = m.article();
            if (!alreadySent.isEmpty() && alreadySent.contains(article.id())
                    || !article.effectivePublished().overlaps(from, period.end())) {
                continue;
            }
            if (story == null || !java.util.Objects.equals(article.story(), storyId)) {
                story = new ArrayList<>(4);
                storyId = article.story();
                stories.add(story);
            }
            story.add(new Candidate(article, m.matches()));
        }
        return compose(reader, period, stories);
    }

    private Composed compose(Reader reader, DigestPeriod period, java.util.Collection<List<Candidate>> stories) {
        Map<Follow, Best> bySection = new TreeMap<>(FOLLOW_ORDER);
        for (List<Candidate> story : stories) {
            Ranked ranked = rank(story);
            bySection.computeIfAbsent(ranked.follow(), f -> new Best()).offer(ranked);
        }

        List<List<Ranked>> ranked = new ArrayList<>(bySection.size());
        for (Best best : bySection.values()) ranked.add(best.inOrder());
        int[] kept = shareOut(ranked.stream().mapToInt(List::size).toArray(), MAX_TOTAL_ENTRIES);
        List<Digest.Section> sections = new ArrayList<>();
        List<SectionInfo> infos = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Follow, Best> section : bySection.entrySet()) {
            List<Digest.Entry> entries = new ArrayList<>(kept[i]);
            for (Ranked r : ranked.get(i).subList(0, kept[i])) entries.add(entryFor(r));
            sections.add(new Digest.Section(section.getKey().label(), entries));
            infos.add(new SectionInfo(section.getKey(), section.getValue().offered - kept[i]));
            i++;
        }
        return new Composed(new Digest(reader, period, sections), infos);
    }

    /** A candidate article and the follows it matched, as a follow index gives them. */
    public record Matched(Article article, List<FollowMatch> matches) {}

    /** The matches of this reader's follows; the list itself when they all are, as they nearly always are. */
    private static List<FollowMatch> own(List<FollowMatch> matches, String readerId) {
        int n = 0;
        for (FollowMatch m : matches) if (m.follow().readerId().equals(readerId)) n++;
        if (n == matches.size()) return matches;
        List<FollowMatch> own = new ArrayList<>(n);
        for (FollowMatch m : matches) if (m.follow().readerId().equals(readerId)) own.add(m);
        return own;
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

    /** How one story ranks: its section's follow, the article shown, and what it is ranked by. */
    private static Ranked rank(List<Candidate> story) {
        Follow follow = null;
        for (Candidate c : story) {
            for (FollowMatch m : c.matches()) {
                if (follow == null || m.follow() != follow && FOLLOW_ORDER.compare(m.follow(), follow) < 0) {
                    follow = m.follow();
                }
            }
        }
        Candidate best = null;
        boolean bestAbout = false;
        Instant newest = null;
        for (Candidate c : story) {
            Instant published = c.article().effectivePublished().instant();
            if (newest == null || published.isAfter(newest)) newest = published;
            if (c.match(follow) == null) continue;
            boolean about = isAbout(c.article(), follow);
            if (best == null || better(c.article(), about, best.article(), bestAbout)) {
                best = c;
                bestAbout = about;
            }
        }
        return new Ranked(follow, best, story, relevance(best.article(), follow), newest, story.size());
    }

    /** The entry of a story that made it in: the article shown, the others folded in, oldest first. */
    private static Digest.Entry entryFor(Ranked ranked) {
        List<Article> others = new ArrayList<>(ranked.story().size() - 1);
        for (Candidate c : ranked.story()) if (c != ranked.best()) others.add(c.article());
        others.sort(Comparator.comparing((Article a) -> a.effectivePublished().instant()).thenComparing(Article::id));
        return new Digest.Entry(ranked.best().article(), ranked.best().match(ranked.follow()).reason(), others);
    }

    /** Best first: about the followed concept, then the longer text, then the newest; the id settles ties. */
    static boolean better(Article c, boolean about, Article than, boolean thanAbout) {
        if (about != thanAbout) return about;
        int length = c.text().length();
        int thanLength = than.text().length();
        if (length != thanLength) return length > thanLength;
        int published = c.effectivePublished().instant().compareTo(than.effectivePublished().instant());
        if (published != 0) return published > 0;
        return c.id().compareTo(than.id()) < 0;
    }

    static boolean isAbout(Article article, Follow follow) {
        if (follow.kind() != Follow.Kind.CONCEPT) return false;
        ConceptTag tag = tag(article, follow.target());
        return tag != null && tag.isAbout();
    }

    /** The article's tag for the concept, or null; a loop rather than {@link Article#tag}'s stream, it runs per candidate. */
    private static ConceptTag tag(Article article, String conceptId) {
        for (ConceptTag t : article.concepts()) if (t.conceptId().equals(conceptId)) return t;
        return null;
    }

    /** The followed concept's score in the article; a saved search that matched counts as fully relevant. */
    static double relevance(Article article, Follow follow) {
        if (follow.kind() == Follow.Kind.QUERY) {
            return 1.0;
        }
        ConceptTag tag = tag(article, follow.target());
        return tag == null ? 0.0 : tag.score();
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
            // the same follow is mostly the same object: compare references before ids
            for (FollowMatch m : matches) if (m.follow() == follow || m.follow().id().equals(follow.id())) return m;
            return null;
        }
    }

    /**
     * A section's {@value #MAX_ENTRIES} best stories so far and how many were offered: a bounded heap with the
     * worst kept on top, so ranking a section of n stories costs n log 10, not a sort of all n. {@link Ranked#ORDER}
     * is total (it ends in the shown article's id), so the stories kept are exactly those a full sort would keep.
     */
    private static final class Best {
        private final java.util.PriorityQueue<Ranked> worstFirst =
                new java.util.PriorityQueue<>(MAX_ENTRIES + 1, Ranked.ORDER.reversed());
        int offered;

        void offer(Ranked r) {
            offered++;
            if (worstFirst.size() < MAX_ENTRIES) {
                worstFirst.add(r);
            } else if (Ranked.ORDER.compare(r, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(r);
            }
        }

        List<Ranked> inOrder() {
            List<Ranked> kept = new ArrayList<>(worstFirst);
            kept.sort(Ranked.ORDER);
            return kept;
        }
    }

    /** An entry with what it is ranked by. */
    private record Ranked(Follow follow, Candidate best, List<Candidate> story, double relevance, Instant newest,
                          int size) {
        static final Comparator<Ranked> ORDER = (a, b) -> {
            int c = Double.compare(b.relevance, a.relevance);
            if (c == 0) c = b.newest.compareTo(a.newest);
            if (c == 0) c = Integer.compare(b.size, a.size);
            return c != 0 ? c : a.best.article().id().compareTo(b.best.article().id());
        };
    }
}
