package dev.tidings.store;

import dev.tidings.model.Article;

import java.nio.file.Path;
import java.util.List;

/** STUB: to be implemented by the store work. The Lucene full-text index under DATA/index. */
public final class SearchIndex implements AutoCloseable {
    public static SearchIndex open(Path dir) {
        throw new UnsupportedOperationException("stub");
    }

    /** Indexes every article stored after the last one indexed; returns how many were added. */
    public int catchUp(ArticleStore articles) {
        throw new UnsupportedOperationException("stub");
    }

    /** Article ids best first. Throws {@link dev.tidings.match.QuerySyntaxException} for a bad query. */
    public List<String> search(String query, int limit) throws dev.tidings.match.QuerySyntaxException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
    }
}
