package dev.tidings.match;

import dev.tidings.model.Article;

/** STUB: to be implemented by the match work. A parsed saved search. */
public final class SavedQuery {
    public static SavedQuery parse(String text) throws QuerySyntaxException {
        throw new UnsupportedOperationException("stub");
    }

    public String text() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean matches(Article article) {
        throw new UnsupportedOperationException("stub");
    }
}
