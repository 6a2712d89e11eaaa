package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.Reader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A period's stories ranked once per kind of follow, so that a round of digests need not rank every story a
 * reader matched for every reader: each reader's digest is then merged from the pre-ranked lists of their
 * follows, looking only at the top of each. The digest is the one {@link DigestBuilder#composeGrouped} builds
 * from the same matches and the same articles already sent, entry for entry. A reader with mutes is built by
 * that path instead (what a mute silences is the reader's own, not a kind of follow's).
 *
 * <p>Why the top of a list is enough: what ranks a story in a section is the relevance of its best article
 * for the section's follow (which depends on that follow alone), then the story's newest article and its
 * size, counted over every article of the story that matched any of the reader's follows. Those two can only
 * grow past what the follow alone matched, never shrink, so once a section holds {@value
 * DigestBuilder#MAX_ENTRIES} stories, no story further down the follow's list with a lower relevance than the
 * worst of them can displace it. A section's size (for its "N more" link) is counted with bit sets of
 * stories, without ranking.
 *
 * <p>Articles already sent. In steady state nearly every reader has some: a digest covers what was published
 * since {@link DigestBuilder#GRACE} before its period, so yesterday's digest carried part of today's. They are
 * not candidates, so they change only the stories they belong to (the <em>touched</em> ones): a touched story
 * is ranked again for the reader from its unsent articles alone, for each follow that matched it — it may
 * show another article, rank higher or lower, or drop out of a follow (and so fall to a later follow's
 * section, or out of the digest). The reader's view of a follow's list is then the shared list without the
 * touched stories, merged with the few re-ranked ones: still in ranking order, so the early stop above holds,
 * and the extra work is in proportion to the stories touched, not to the stories matched.
 *
 * <p>Immutable once built; {@link #compose} is thread-safe.
 */
public final class SharedRanking {
    private final DigestPeriod period;
    private final List<Article> articles;
    /** Story number of each article, by its position in {@link #articles}. */
    private final int[] storyOf;
    /** A follow's own ranking of its stories: relevance, newest, size, then the shown article's id. */
    private final Comparator<StoryHit> hitOrder;

    /**
     * @param byStory the period's articles in story order (the articles of a story next to each other, as
     *                {@link DigestBuilder#composeGrouped} expects them); matches name articles by their
     *                position in it
     */
    public SharedRanking(DigestPeriod period, List<Article> byStory) {
        this.period = period;
        this.articles = List.copyOf(byStory);
        this.storyOf = new int[articles.size()];
        int story = -1;
        String storyId = null;
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            if (story < 0 || !Objects.equals(a.story(), storyId)) {
                story++;
                storyId = a.story();
            }
            storyOf[i] = story;
        }
        this.hitOrder = (a, b) -> {
            int c = Double.compare(b.relevance, a.relevance);
            if (c == 0) c = b.newest.compareTo(a.newest);
            if (c == 0) c = Integer.compare(b.articles.length, a.articles.length);
            return c != 0 ? c : articles.get(a.best).id().compareTo(articles.get(b.best).id());
        };
    }

    /**
     * What one kind of follow matched, ranked: every reader with a follow like {@code like} (same kind,
     * target and about-only) shares it.
     *
     * @param matched positions in the period's articles of those it matched, ascending
     * @param reasons the reason of each match, in the same order
     */
    public FollowStories rank(Follow like, int[] matched, List<String> reasons) {
        if (matched.length != reasons.size()) throw new IllegalArgumentException("one reason per article");
        Instant from = period.start().minus(DigestBuilder.GRACE);
        List<StoryHit> hits = new ArrayList<>();
        int k = 0;
        while (k < matched.length) {
            int story = storyOf[matched[k]];
            List<Integer> inStory = new ArrayList<>(4);
            int best = -1;
            boolean bestAbout = false;
            Instant newest = null;
            for (; k < matched.length && storyOf[matched[k]] == story; k++) {
                if (k > 0 && matched[k] <= matched[k - 1]) throw new IllegalArgumentException("positions must ascend");
                Article a = articles.get(matched[k]);
                if (!a.effectivePublished().overlaps(from, period.end())) continue;
                inStory.add(k);
                Instant published = a.effectivePublished().instant();
                if (newest == null || published.isAfter(newest)) newest = published;
                boolean about = DigestBuilder.isAbout(a, like);
                if (best < 0 || DigestBuilder.better(a, about, articles.get(matched[best]), bestAbout)) {
                    best = k;
                    bestAbout = about;
                }
            }
            if (inStory.isEmpty()) continue;
            int[] positions = new int[inStory.size()];
            for (int i = 0; i < positions.length; i++) positions[i] = matched[inStory.get(i)];
            Article shown = articles.get(matched[best]);
            hits.add(new StoryHit(story, positions, matched[best], reasons.get(best),
                    DigestBuilder.relevance(shown, like), newest));
        }
        return new FollowStories(like, matched.clone(), List.copyOf(reasons), hits, hitOrder);
    }

    /**
     * The reader's digest from what their follows matched, as {@link DigestBuilder#composeGrouped} would build
     * it from the same matches with nothing sent before and nothing muted.
     *
     * @param follows the reader's follows
     * @param stories what each of them matched ({@link #rank} of a follow like it), in the same order
     */
    public DigestBuilder.Composed compose(Reader reader, List<Follow> follows, List<FollowStories> stories) {
        return compose(reader, follows, stories, NOTHING_SENT);
    }

    /**
     * The reader's digest from what their follows matched, as {@link DigestBuilder#composeGrouped} would build
     * it from the same matches with the articles at {@code sent} already sent and nothing muted. Costs what
     * {@link #compose(Reader, List, List)} does, plus work in proportion to the stories {@code sent} touches.
     *
     * @param follows the reader's follows
     * @param stories what each of them matched ({@link #rank} of a follow like it), in the same order
     * @param sent    positions in the period's articles of those already sent to the reader, in any order
     */
    public DigestBuilder.Composed compose(Reader reader, List<Follow> follows, List<FollowStories> stories,
                                          int[] sent) {
        if (follows.size() != stories.size()) throw new IllegalArgumentException("one FollowStories per follow");
        Integer[] order = new Integer[follows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing(i -> follows.get(i), DigestBuilder.FOLLOW_ORDER));
        FollowStories[] all = new FollowStories[order.length];
        for (int i = 0; i < order.length; i++) all[i] = stories.get(order[i]);
        Touched touched = sent.length == 0 ? null : touched(all, sent);

        BitSet taken = new BitSet();
        List<List<Ranked>> ranked = new ArrayList<>();
        List<Follow> sectionFollows = new ArrayList<>();
        List<Integer> offered = new ArrayList<>();
        for (int s = 0; s < order.length; s++) {
            FollowStories own = all[s];
            BitSet mine = (BitSet) own.stories.clone();
            mine.andNot(taken);
            StoryHit[] reRanked = NO_HITS;
            if (touched != null) {
                // a touched story this follow matched only in sent articles is not this follow's any more
                for (int t = 0; t < touched.stories.length; t++) {
                    if (touched.hits[t][s] == null) mine.clear(touched.stories[t]);
                }
                reRanked = touched.inOrder[s];
            }
            int count = mine.cardinality();
            if (count == 0) continue;
            List<Ranked> top = new ArrayList<>();
            // the follow's shared list without the touched stories, merged with them as re-ranked for this reader
            int i = 0;
            int j = 0;
            while (i < own.ranked.length || j < reRanked.length) {
                StoryHit hit;
                if (i < own.ranked.length && touched != null && touched.indexOf(own.ranked[i].story) >= 0) {
                    i++;
                    continue;
                }
                if (j == reRanked.length || i < own.ranked.length && hitOrder.compare(own.ranked[i], reRanked[j]) < 0) {
                    hit = own.ranked[i++];
                } else {
                    hit = reRanked[j++];
                }
                if (top.size() >= DigestBuilder.MAX_ENTRIES) {
                    top.sort(Ranked.ORDER);
                    if (top.size() > DigestBuilder.MAX_ENTRIES) top.subList(DigestBuilder.MAX_ENTRIES, top.size()).clear();
                    if (hit.relevance < top.get(top.size() - 1).hit.relevance) break;
                }
                if (!mine.get(hit.story)) continue;
                top.add(ranked(hit, all, touched));
            }
            top.sort(Ranked.ORDER);
            if (top.size() > DigestBuilder.MAX_ENTRIES) top = new ArrayList<>(top.subList(0, DigestBuilder.MAX_ENTRIES));
            ranked.add(top);
            sectionFollows.add(follows.get(order[s]));
            offered.add(count);
            taken.or(mine);
        }

        int[] kept = DigestBuilder.shareOut(ranked.stream().mapToInt(List::size).toArray(), DigestBuilder.MAX_TOTAL_ENTRIES);
        List<Digest.Section> sections = new ArrayList<>(ranked.size());
        List<DigestBuilder.SectionInfo> infos = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            List<Digest.Entry> entries = new ArrayList<>(kept[i]);
            for (Ranked r : ranked.get(i).subList(0, kept[i])) entries.add(entry(r));
            Follow follow = sectionFollows.get(i);
            sections.add(new Digest.Section(follow.label(), entries));
            infos.add(new DigestBuilder.SectionInfo(follow, offered.get(i) - kept[i]));
        }
        return new DigestBuilder.Composed(new Digest(reader, period, sections), infos);
    }

    /** The stories the sent articles belong to, each re-ranked from its unsent articles for each follow. */
    private Touched touched(FollowStories[] all, int[] sent) {
        int[] positions = sent.clone();
        Arrays.sort(positions);
        int n = 0;
        for (int p : positions) {
            if (p < 0 || p >= articles.size()) throw new IllegalArgumentException("no article at position " + p);
            if (n == 0 || positions[n - 1] != p) positions[n++] = p;
        }
        positions = Arrays.copyOf(positions, n);
        // positions ascend and so do story numbers along them: the distinct stories come out ascending
        int[] stories = new int[n];
        int count = 0;
        for (int p : positions) if (count == 0 || stories[count - 1] != storyOf[p]) stories[count++] = storyOf[p];
        stories = Arrays.copyOf(stories, count);

        StoryHit[][] hits = new StoryHit[count][all.length];
        StoryHit[][] inOrder = new StoryHit[all.length][];
        for (int s = 0; s < all.length; s++) {
            List<StoryHit> left = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                StoryHit hit = all[s].hitOf(stories[t]);
                hits[t][s] = hit == null ? null : without(hit, positions, all[s]);
                if (hits[t][s] != null) left.add(hits[t][s]);
            }
            left.sort(hitOrder);
            inOrder[s] = left.toArray(NO_HITS);
        }
        return new Touched(stories, hits, inOrder);
    }

    /**
     * The story as the follow matched it among articles not sent: itself when none of its articles was sent,
     * null when all were. The shown article is chosen again only when it was sent (the best of the rest is
     * the best of all once the best is out); the newest is counted again either way.
     */
    private StoryHit without(StoryHit hit, int[] sent, FollowStories of) {
        int[] left = new int[hit.articles.length];
        int n = 0;
        boolean bestLeft = false;
        for (int a : hit.articles) {
            if (Arrays.binarySearch(sent, a) >= 0) continue;
            left[n++] = a;
            if (a == hit.best) bestLeft = true;
        }
        if (n == hit.articles.length) return hit;
        if (n == 0) return null;
        left = Arrays.copyOf(left, n);
        Instant newest = null;
        for (int a : left) {
            Instant published = articles.get(a).effectivePublished().instant();
            if (newest == null || published.isAfter(newest)) newest = published;
        }
        if (bestLeft) return new StoryHit(hit.story, left, hit.best, hit.reason, hit.relevance, newest);
        int best = -1;
        boolean bestAbout = false;
        for (int a : left) {
            boolean about = DigestBuilder.isAbout(articles.get(a), of.like);
            if (best < 0 || DigestBuilder.better(articles.get(a), about, articles.get(best), bestAbout)) {
                best = a;
                bestAbout = about;
            }
        }
        return new StoryHit(hit.story, left, best, of.reasonAt(best),
                DigestBuilder.relevance(articles.get(best), of.like), newest);
    }

    /**
     * A story of the section with what the reader's other follows add to it: more articles, maybe newer. A
     * touched story is widened by the other follows' hits of it re-ranked without the sent articles.
     */
    private Ranked ranked(StoryHit hit, FollowStories[] all, Touched touched) {
        int t = touched == null ? -1 : touched.indexOf(hit.story);
        int[] union = hit.articles;
        boolean widened = false;
        for (int s = 0; s < all.length; s++) {
            StoryHit more = t >= 0 ? touched.hits[t][s] : all[s].hitOf(hit.story);
            if (more == null || more == hit || Arrays.equals(more.articles, union)) continue;
            union = merge(union, more.articles);
            widened = true;
        }
        Instant newest = hit.newest;
        if (widened) {
            for (int a : union) {
                Instant published = articles.get(a).effectivePublished().instant();
                if (published.isAfter(newest)) newest = published;
            }
        }
        return new Ranked(hit, union, newest, articles.get(hit.best).id());
    }

    /** The entry of a ranked story: the article shown, the others folded in, oldest first. */
    private Digest.Entry entry(Ranked r) {
        List<Article> others = new ArrayList<>(r.articles.length - 1);
        for (int a : r.articles) if (a != r.hit.best) others.add(articles.get(a));
        others.sort(Comparator.comparing((Article a) -> a.effectivePublished().instant()).thenComparing(Article::id));
        return new Digest.Entry(articles.get(r.hit.best), r.hit.reason, others);
    }

    /** The union of two ascending arrays of distinct positions, ascending. */
    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || i < a.length && a[i] < b[j]) out[n++] = a[i++];
            else if (i == a.length || b[j] < a[i]) out[n++] = b[j++];
            else {
                out[n++] = a[i++];
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static final int[] NOTHING_SENT = new int[0];
    private static final StoryHit[] NO_HITS = new StoryHit[0];

    /**
     * One story as one kind of follow matched it: its articles in the period (positions, ascending), the one a
     * section of that follow shows, and what it ranks by when the reader's other follows add nothing.
     */
    private record StoryHit(int story, int[] articles, int best, String reason, double relevance, Instant newest) {}

    /** A story of a reader's section, with every article of it the reader matched. */
    private record Ranked(StoryHit hit, int[] articles, Instant newest, String shownId) {
        /** As {@code DigestBuilder}'s order of entries: relevance, newest, size, then the shown article's id. */
        static final Comparator<Ranked> ORDER = (a, b) -> {
            int c = Double.compare(b.hit.relevance, a.hit.relevance);
            if (c == 0) c = b.newest.compareTo(a.newest);
            if (c == 0) c = Integer.compare(b.articles.length, a.articles.length);
            return c != 0 ? c : a.shownId.compareTo(b.shownId);
        };
    }

    /**
     * One reader's stories touched by what they were already sent.
     *
     * @param stories story numbers, ascending
     * @param hits    by touched story, then by follow (in the reader's follow order): the follow's hit of the
     *                story without the sent articles, null when it matched none of the rest
     * @param inOrder by follow: its non-null hits of {@code hits}, in the follow's ranking order
     */
    private record Touched(int[] stories, StoryHit[][] hits, StoryHit[][] inOrder) {
        /** The index of the story among the touched ones, or a negative number when untouched. */
        int indexOf(int story) {
            return Arrays.binarySearch(stories, story);
        }
    }

    /** What one kind of follow matched in the period, ranked best first; shared by every reader with such a follow. */
    public static final class FollowStories {
        /** No match in the period. */
        public static final FollowStories NONE = new FollowStories(null, new int[0], List.of(), List.of(), (a, b) -> 0);

        /** The follow it was ranked for (to rank a story again without some of its articles). */
        private final Follow like;
        /** Positions of every article it matched, ascending, and the reason of each: a re-ranked story's reason. */
        private final int[] matched;
        private final List<String> reasons;
        private final BitSet stories = new BitSet();
        /** By story number, to find a story's hit by binary search. */
        private final int[] storyNumbers;
        private final StoryHit[] inStoryOrder;
        /** By the follow's own ranking: relevance, newest, size, then the shown article's id. */
        private final StoryHit[] ranked;

        private FollowStories(Follow like, int[] matched, List<String> reasons, List<StoryHit> hits,
                              Comparator<StoryHit> order) {
            this.like = like;
            this.matched = matched;
            this.reasons = reasons;
            inStoryOrder = hits.toArray(new StoryHit[0]);
            storyNumbers = new int[inStoryOrder.length];
            for (int i = 0; i < inStoryOrder.length; i++) {
                storyNumbers[i] = inStoryOrder[i].story;
                stories.set(inStoryOrder[i].story);
            }
            ranked = inStoryOrder.clone();
            Arrays.sort(ranked, order);
        }

        StoryHit hitOf(int story) {
            int i = Arrays.binarySearch(storyNumbers, story);
            return i < 0 ? null : inStoryOrder[i];
        }

        String reasonAt(int position) {
            return reasons.get(Arrays.binarySearch(matched, position));
        }
    }
}
