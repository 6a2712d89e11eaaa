package dev.tidings.understand;

import dev.tidings.model.ConceptType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds taxonomy names in text: a character trie over every label and alias, walked from each
 * word start, keeping the longest name that ends at a word boundary. Matching is case-sensitive
 * (so "turkey" the bird and "china" plates never match) with accents folded on both sides.
 * Built once; {@link #find} is thread-safe.
 */
final class NameMatcher {

    enum Kind {
        /** the concept's label */
        LABEL,
        /** an alias that counts wherever it appears */
        ALIAS,
        /** the last word of a person's name: counts only after the full name appeared */
        SURNAME,
        /** a phrase that contains a name but means something else; swallows the match */
        BLOCKER
    }

    /**
     * One name in the trie.
     *
     * @param language null when the name counts in any language, else the only language it counts in
     * @param entry    the concept's entry (null for a blocker), so that choosing among the refs of a
     *                 name needs no look-up by id
     */
    record Ref(String conceptId, String name, String language, Kind kind, TaxonomyEntry entry) {
    }

    /** A name found at [start, end) of the text, with every concept it may stand for in this language. */
    record Hit(int start, int end, List<Ref> refs) {
    }

    /**
     * A trie node: children in parallel arrays sorted by character (binary search, no boxing), which
     * keeps a taxonomy of a few thousand names to a few MB and the walk allocation-free.
     */
    static final class Node {
        private static final char[] NO_KEYS = new char[0];
        private static final Node[] NO_KIDS = new Node[0];
        char[] keys = NO_KEYS;
        Node[] kids = NO_KIDS;
        List<Ref> refs;
        /** True when every ref counts in any language, so {@code refs} can be used as it is. */
        boolean universal = true;

        Node get(char c) {
            int i = java.util.Arrays.binarySearch(keys, c);
            return i >= 0 ? kids[i] : null;
        }

        Node getOrAdd(char c) {
            int i = java.util.Arrays.binarySearch(keys, c);
            if (i >= 0) return kids[i];
            int at = -i - 1;
            char[] k = new char[keys.length + 1];
            Node[] n = new Node[kids.length + 1];
            System.arraycopy(keys, 0, k, 0, at);
            System.arraycopy(kids, 0, n, 0, at);
            k[at] = c;
            n[at] = new Node();
            System.arraycopy(keys, at, k, at + 1, keys.length - at);
            System.arraycopy(kids, at, n, at + 1, kids.length - at);
            keys = k;
            kids = n;
            return n[at];
        }
    }

    private final Node root = new Node();

    NameMatcher(Taxonomy taxonomy) {
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.concept().type() == ConceptType.TOPIC) continue; // topics are found by their rules
            String label = e.concept().label();
            add(label, new Ref(e.id(), label, null, Kind.LABEL, e));
            for (String a : e.concept().aliases()) add(a, new Ref(e.id(), a, null, Kind.ALIAS, e));
            e.localAliases().forEach((lang, names) -> names.forEach(n -> add(n, new Ref(e.id(), n, lang, Kind.ALIAS, e))));
            if (e.concept().type() == ConceptType.PERSON) {
                String[] words = label.split(" ");
                if (words.length > 1) {
                    String surname = words[words.length - 1];
                    add(surname, new Ref(e.id(), surname, null, Kind.SURNAME, e));
                }
            }
        }
        for (String b : taxonomy.blockers()) add(b, new Ref(null, b, null, Kind.BLOCKER, null));
    }

    /**
     * The first word of every name (folded, case kept) → the trie node reached after it, for the
     * {@link Vocabulary}: every trie path of word characters from the root that ends a word.
     */
    Map<String, Node> firstWords() {
        Map<String, Node> out = new HashMap<>();
        firstWords(root, new StringBuilder(), out);
        return out;
    }

    private static void firstWords(Node node, StringBuilder path, Map<String, Node> out) {
        for (int i = 0; i < node.keys.length; i++) {
            char c = node.keys[i];
            if (!Folding.isWordChar(c)) {
                if (path.length() > 0) out.put(path.toString(), node);
                continue;
            }
            path.append(c);
            firstWords(node.kids[i], path, out);
            path.setLength(path.length() - 1);
        }
        if (path.length() > 0 && node.refs != null) out.put(path.toString(), node);
    }

    private void add(String name, Ref ref) {
        String key = Folding.fold(name.strip());
        if (key.isEmpty()) return;
        Node n = root;
        for (int i = 0; i < key.length(); i++) n = n.getOrAdd(key.charAt(i));
        if (n.refs == null) n.refs = new ArrayList<>(1);
        // an explicit alias outranks the same word derived as a surname
        if (n.refs.stream().anyMatch(r -> r.conceptId() != null && r.conceptId().equals(ref.conceptId())
                && r.language() == null && ref.language() == null)) return;
        n.refs.add(ref);
        if (ref.language() != null) n.universal = false;
    }

    /**
     * Every longest, non-overlapping name in the text that counts in this language. Only a word
     * that is the first word of some name, as spelled ({@code found} in a {@link Vocabulary} made
     * with {@link #firstWords}), starts a walk of the trie.
     */
    List<Hit> find(Text text, Vocabulary.Found found, String language) {
        List<Hit> hits = new ArrayList<>();
        char[] folded = text.foldedChars;
        int n = text.length;
        int free = 0;
        Vocabulary vocabulary = found.vocabulary;
        for (int f = 0; f < found.count; f++) {
            int slot = found.slot[f];
            if (slot < 0 || !vocabulary.startsNames(slot)) continue;
            int k = found.word[f];
            int start = text.wordStart[k];
            if (start < free) continue;
            int wordEnd = text.wordEnd[k];
            Node node = vocabulary.nameStart(slot, folded, start, wordEnd);
            if (node == null) continue;
            int bestEnd = -1;
            List<Ref> bestRefs = null;
            if (node.refs != null) {
                List<Ref> usable = node.universal ? node.refs : usable(node.refs, language);
                if (!usable.isEmpty()) {
                    bestEnd = wordEnd;
                    bestRefs = usable;
                }
            }
            for (int j = wordEnd; j < n; j++) {
                node = node.get(folded[j]);
                if (node == null) break;
                if (node.refs != null && (j + 1 == n || !Folding.isWordChar(folded[j + 1]) || !Folding.isWordChar(folded[j]))) {
                    List<Ref> usable = node.universal ? node.refs : usable(node.refs, language);
                    if (!usable.isEmpty()) {
                        bestEnd = j + 1;
                        bestRefs = usable;
                    }
                }
            }
            if (bestRefs != null) {
                hits.add(new Hit(start, bestEnd, bestRefs));
                free = bestEnd;
            }
        }
        return hits;
    }

    private static List<Ref> usable(List<Ref> refs, String language) {
        List<Ref> out = new ArrayList<>(refs.size());
        for (Ref r : refs) {
            if (r.language() == null || r.language().equals(language)) out.add(r);
        }
        return out;
    }
}
