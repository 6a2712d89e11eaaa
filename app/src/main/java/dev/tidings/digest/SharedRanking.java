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
 * from the same matches, entry for entry; a reader with articles already sent in the period or with mutes
 * is built by that path instead (the shared lists hold what every reader with such a follow gets).
 *
 * <p>Why the top of a list is enough: what ranks a story in a section is the relevance of its best article
 * for the section's follow (which depends on that follow alone), then the story's newest article and its
 * size, counted over every article of the story that matched any of the reader's follows. Those two can only
 * grow past what the follow alone matched, never shrink, so once a section holds {@value
 * DigestBuilder#MAX_ENTRIES} stories, no story further down the follow's list with a lower relevance than the
 * worst of them can displace it. A section's size (for its "N more" link) is counted with bit sets of
 * stories, without ranking.
 *
 * <p>Immutable once built; {@link #compose} is thread-safe.
 */
public final class SharedRanking {
    private final DigestPeriod period;
    private final List<Article> articles;
    /** Story number of each article, by its position in {@link #articles}. */
    private final int[] storyOf;

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
        return new FollowStories(hits, articles);
    }

    /**
     * The reader's digest from what their follows matched, as {@link DigestBuilder#composeGrouped} would build
     * it from the same matches with nothing sent before and nothing muted.
     *
     * @param follows the reader's follows
     * @param stories what each of them matched ({@link #rank} of a follow like it), in the same order
     */
    public DigestBuilder.Composed compose(Reader reader, List<Follow> follows, List<FollowStories> stories) {
        if (follows.size() != stories.size()) throw new IllegalArgumentException("one FollowStories per follow");
        Integer[] order = new Integer[follows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing(i -> follows.get(i), DigestBuilder.FOLLOW_ORDER));
        FollowStories[] all = new FollowStories[order.length];
        for (int i = 0; i < order.length; i++) all[i] = stories.get(order[i]);

        BitSet taken = new BitSet();
        List<List<Ranked>> ranked = new ArrayList<>();
        List<Follow> sectionFollows = new ArrayList<>();
        List<Integer> offered = new ArrayList<>();
        for (int s = 0; s < order.length; s++) {
            FollowStories own = all[s];
            BitSet mine = (BitSet) own.stories.clone();
            mine.andNot(taken);
            int count = mine.cardinality();
            if (count == 0) continue;
            List<Ranked> top = new ArrayList<>();
            for (StoryHit hit : own.ranked) {
                if (top.size() >= DigestBuilder.MAX_ENTRIES) {
                    top.sort(Ranked.ORDER);
                    if (top.size() > DigestBuilder.MAX_ENTRIES) top.subList(DigestBuilder.MAX_ENTRIES, top.size()).clear();
                    if (hit.relevance < top.get(top.size() - 1).hit.relevance) break;
                }
                if (!mine.get(hit.story)) continue;
                top.add(ranked(hit, all));
            }
            top.sort(Ranked.ORDER);
            if (top.size() > DigestBuilder.MAX_ENTRIES) top = new ArrayList<>(top.subList(0, DigestBuilder.MAX_ENTRIES));
            ranked.add(top);
            sectionFollows.add(follows.get(order[s]));
            offered.add(count);
            taken.or(own.stories);
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

    /** A story of the section with what the reader's other follows add to it: more articles, maybe newer. */
    private Ranked ranked(StoryHit hit, FollowStories[] all) {
        int[] union = hit.articles;
        boolean widened = false;
        for (FollowStories other : all) {
            StoryHit more = other.hitOf(hit.story);
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

    /** What one kind of follow matched in the period, ranked best first; shared by every reader with such a follow. */
    public static final class FollowStories {
        /** No match in the period. */
        public static final FollowStories NONE = new FollowStories(List.of(), List.of());

        private final BitSet stories = new BitSet();
        /** By story number, to find a story's hit by binary search. */
        private final int[] storyNumbers;
        private final StoryHit[] inStoryOrder;
        /** By the follow's own ranking: relevance, newest, size, then the shown article's id. */
        private final StoryHit[] ranked;

        private FollowStories(List<StoryHit> hits, List<Article> articles) {
            inStoryOrder = hits.toArray(new StoryHit[0]);
            storyNumbers = new int[inStoryOrder.length];
            for (int i = 0; i < inStoryOrder.length; i++) {
                storyNumbers[i] = inStoryOrder[i].story;
                stories.set(inStoryOrder[i].story);
            }
            ranked = inStoryOrder.clone();
            Arrays.sort(ranked, (a, b) -> {
                int c = Double.compare(b.relevance, a.relevance);
                if (c == 0) c = b.newest.compareTo(a.newest);
                if (c == 0) c = Integer.compare(b.articles.length, a.articles.length);
                return c != 0 ? c : articles.get(a.best).id().compareTo(articles.get(b.best).id());
            });
        }

        StoryHit hitOf(int story) {
            int i = Arrays.binarySearch(storyNumbers, story);
            return i < 0 ? null : inStoryOrder[i];
        }
    }
}
