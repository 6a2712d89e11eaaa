package dev.tidings.match;

import dev.tidings.model.ConceptTag;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Concept follows as an inverted index: concept id → the numbers of the follows of it, in two plain
 * int arrays (follows of any mention, and about-only follows), so finding who to tell about an article
 * costs a map look-up per tag and hands out the arrays as they are, whatever the number of followers.
 * The caller numbers the follows (e.g. their place in its own table).
 *
 * <p>Not thread-safe: the owner guards it ({@link FollowMatcher} with its read-write lock).
 */
public final class ConceptIndex {
    /** The followers of one concept. */
    private static final class Followers {
        int[] any = new int[2];
        int anyCount;
        int[] aboutOnly = new int[0];
        int aboutOnlyCount;
    }

    private final Map<String, Followers> byConcept = new HashMap<>();
    private long size;

    /** Files follow {@code number} under the concept. */
    public void add(int number, String conceptId, boolean aboutOnly) {
        Followers f = byConcept.computeIfAbsent(conceptId, c -> new Followers());
        if (aboutOnly) {
            if (f.aboutOnlyCount == f.aboutOnly.length) f.aboutOnly = grown(f.aboutOnly);
            f.aboutOnly[f.aboutOnlyCount++] = number;
        } else {
            if (f.anyCount == f.any.length) f.any = grown(f.any);
            f.any[f.anyCount++] = number;
        }
        size++;
    }

    /** Unfiles follow {@code number} (added with the same concept and flag); false when it was not there. */
    public boolean remove(int number, String conceptId, boolean aboutOnly) {
        Followers f = byConcept.get(conceptId);
        if (f == null) return false;
        boolean removed;
        if (aboutOnly) {
            removed = removeFrom(f.aboutOnly, f.aboutOnlyCount, number);
            if (removed) f.aboutOnlyCount--;
        } else {
            removed = removeFrom(f.any, f.anyCount, number);
            if (removed) f.anyCount--;
        }
        if (!removed) return false;
        size--;
        if (f.anyCount == 0 && f.aboutOnlyCount == 0) byConcept.remove(conceptId);
        return true;
    }

    /** How many follows are filed. */
    public long size() {
        return size;
    }

    /**
     * Who to tell about an article with these tags: for each tag, its concept's followers of any
     * mention and, when the article is about it, its about-only followers. A follow appears once per
     * tag of its concept (an article tagged twice with one concept lists it twice).
     */
    public Audience audience(List<ConceptTag> tags) {
        int[][] groups = new int[tags.size() * 2][];
        int[] counts = new int[groups.length];
        int[] tagOf = new int[groups.length];
        int n = 0;
        long total = 0;
        for (int t = 0; t < tags.size(); t++) {
            ConceptTag tag = tags.get(t);
            Followers f = byConcept.get(tag.conceptId());
            if (f == null) continue;
            if (f.anyCount > 0) {
                groups[n] = f.any;
                counts[n] = f.anyCount;
                tagOf[n++] = t;
                total += f.anyCount;
            }
            if (tag.isAbout() && f.aboutOnlyCount > 0) {
                groups[n] = f.aboutOnly;
                counts[n] = f.aboutOnlyCount;
                tagOf[n++] = t;
                total += f.aboutOnlyCount;
            }
        }
        return new Audience(groups, counts, tagOf, n, total);
    }

    /**
     * The follows an article reaches through its concepts: groups of follow numbers that share the array
     * of the index (read them before the index changes, i.e. under the owner's read lock).
     */
    public static final class Audience {
        private final int[][] groups;
        private final int[] counts;
        private final int[] tagOf;
        private final int groupCount;
        private final long size;

        private Audience(int[][] groups, int[] counts, int[] tagOf, int groupCount, long size) {
            this.groups = groups;
            this.counts = counts;
            this.tagOf = tagOf;
            this.groupCount = groupCount;
            this.size = size;
        }

        /** How many follow numbers, counting a follow reached through two tags twice. */
        public long size() {
            return size;
        }

        /** Every follow number, group by group. */
        public void forEach(IntConsumer each) {
            for (int g = 0; g < groupCount; g++) {
                int[] numbers = groups[g];
                for (int i = 0, n = counts[g]; i < n; i++) each.accept(numbers[i]);
            }
        }

        /** Every follow number with the index (in the tags given) of the tag that reached it. */
        void forEach(TagAndFollow each) {
            for (int g = 0; g < groupCount; g++) {
                int[] numbers = groups[g];
                for (int i = 0, n = counts[g]; i < n; i++) each.accept(tagOf[g], numbers[i]);
            }
        }
    }

    interface TagAndFollow {
        void accept(int tag, int follow);
    }

    private static int[] grown(int[] a) {
        return Arrays.copyOf(a, Math.max(4, a.length + (a.length >> 1)));
    }

    /** Swaps the last number into the removed one's place: order within a concept does not matter. */
    private static boolean removeFrom(int[] a, int count, int number) {
        for (int i = 0; i < count; i++) {
            if (a[i] == number) {
                a[i] = a[count - 1];
                return true;
            }
        }
        return false;
    }
}
