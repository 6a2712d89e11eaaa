package dev.tidings.normalize;

/**
 * Repairs typographic quote marks that were misplaced or spaced wrongly, one paragraph at a time.
 *
 * <p>Double marks ({@code “ ”}) are read left to right with a note of whether a quotation is open, and each
 * mark is given the direction its neighbours imply: a mark after a space and before a word opens, a mark
 * after a word and before a space or punctuation closes. Two slips of careless editing are undone:
 * a closing mark pushed onto the next word ({@code every day, ”EU} becomes {@code every day,” EU}) and a
 * closing mark typed as an opening one after the final punctuation ({@code about it. “} becomes
 * {@code about it.”}). A paragraph may legitimately leave a quotation open: a quotation that runs over
 * several paragraphs closes only in the last one.
 *
 * <p>Single marks are mostly apostrophes ({@code Lukashenko’s}, {@code Belarus’}) and are left alone, except
 * for a swapped pair around a word: {@code is’ desperate ‘,} becomes {@code is ‘desperate’,}.
 */
final class QuoteRepairer {
    private static final int MAX_SWAPPED_SPAN = 80;

    private QuoteRepairer() {
    }

    static String repair(String paragraph) {
        return doubles(swappedSingles(paragraph));
    }

    private static String doubles(String paragraph) {
        StringBuilder s = new StringBuilder(paragraph);
        boolean open = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '“' && c != '”') {
                i++;
                continue;
            }
            boolean atEnd = i + 1 >= s.length();
            char prev = i > 0 ? s.charAt(i - 1) : ' ';
            char next = atEnd ? ' ' : s.charAt(i + 1);
            boolean afterPunctuationAndSpace = i >= 2 && prev == ' ' && isClosingPunctuation(s.charAt(i - 2));
            if (afterPunctuationAndSpace && (atEnd || (open && Character.isWhitespace(next)))) {
                // "about it. “" at the end: the closing mark belongs to the punctuation
                s.deleteCharAt(i - 1);
                s.setCharAt(i - 1, '”');
                open = false;
                continue;
            }
            if (open && afterPunctuationAndSpace && Character.isLetterOrDigit(next)) {
                // "every day, ”EU": the closing mark slid onto the next word
                s.deleteCharAt(i - 1);
                s.setCharAt(i - 1, '”');
                s.insert(i, ' ');
                open = false;
                i++;
                continue;
            }
            boolean spaceBefore = i == 0 || Character.isWhitespace(prev) || "([{—–-‘/".indexOf(prev) >= 0;
            boolean spaceAfter = atEnd || Character.isWhitespace(next) || ".,;:!?)]}’—–…".indexOf(next) >= 0;
            boolean opening;
            if (spaceBefore && !spaceAfter) {
                opening = true;
            } else if (!spaceBefore && spaceAfter) {
                opening = false;
            } else if (spaceBefore) {
                // a mark standing alone between spaces: glue it to the side it belongs to
                opening = !open;
                if (opening && !atEnd && next == ' ' && i + 2 < s.length()) {
                    s.deleteCharAt(i + 1);
                } else if (!opening && i > 0 && prev == ' ') {
                    s.deleteCharAt(i - 1);
                    i--;
                }
            } else {
                opening = !open;
            }
            s.setCharAt(i, opening ? '“' : '”');
            open = opening;
            i++;
        }
        return s.toString();
    }

    private static boolean isClosingPunctuation(char c) {
        return ".,!?;:…".indexOf(c) >= 0;
    }

    /** {@code word’ quoted words ‘,} → {@code word ‘quoted words’,}: an opening mark that opens nothing. */
    private static String swappedSingles(String paragraph) {
        String s = paragraph;
        int from = 0;
        while (true) {
            int j = s.indexOf('‘', from);
            if (j < 0) {
                return s;
            }
            from = j + 1;
            boolean opensNothing = j > 0 && Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 == s.length() || Character.isWhitespace(s.charAt(j + 1))
                    || ".,;:!?)".indexOf(s.charAt(j + 1)) >= 0);
            if (!opensNothing) {
                continue;
            }
            for (int k = j - 2; k > 0 && k >= j - MAX_SWAPPED_SPAN; k--) {
                char ch = s.charAt(k);
                if (ch == '“' || ch == '”' || ch == '‘' || ".!?".indexOf(ch) >= 0) {
                    break;
                }
                if (ch == '’' && Character.isLetter(s.charAt(k - 1)) && s.charAt(k + 1) == ' ') {
                    String inner = s.substring(k + 1, j).strip();
                    if (!inner.isEmpty()) {
                        s = s.substring(0, k) + " ‘" + inner + "’" + s.substring(j + 1);
                        from = k + inner.length() + 3;
                    }
                    break;
                }
            }
        }
    }
}
