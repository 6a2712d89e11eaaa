package dev.tidings.store;

import dev.tidings.match.ArticleFields;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.match.SavedQuery;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Lucene full-text index under {@code DATA/index}, fed from {@link ArticleStore} and searched in the
 * saved-search language of {@link SavedQuery} (fields and analysis: {@link ArticleFields}).
 *
 * <p>The index remembers, in the user data of each commit, the sequence number of the last article it
 * took in, so {@link #catchUp} only reads what was stored or changed since, also after a restart.
 * Opening is cheap and read-only: the write lock is taken by the first {@code catchUp} and held until
 * {@link #close}, so only one process (the server) should call it; any process may search and sees
 * the latest commit. Thread-safe.
 */
public final class SearchIndex implements AutoCloseable {
    private static final String LAST_SEQ = "tidings.lastSeq";
    private static final int BATCH = 500;
    private static final Sort BEST_THEN_NEWEST = new Sort(SortField.FIELD_SCORE,
            new SortField(ArticleFields.PUBLISHED, SortField.Type.LONG, true));

    private final Path path;
    private final Directory directory;
    private final Object lock = new Object();
    private IndexWriter writer;          // guarded by lock
    private SearcherManager searchers;   // guarded by lock

    private SearchIndex(Path path, Directory directory) {
        this.path = path;
        this.directory = directory;
    }

    public static SearchIndex open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new SearchIndex(dir, FSDirectory.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + dir, e);
        }
    }

    /**
     * Indexes every article stored or changed after the last one indexed (a changed article replaces
     * its old entry) and commits; returns how many were indexed.
     *
     * @throws IllegalStateException when another process is writing the index
     */
    public int catchUp(ArticleStore articles) {
        synchronized (lock) {
            try {
                IndexWriter w = writer();
                long last = lastSeq(w);
                int indexed = 0;
                for (List<ArticleStore.Sequenced> batch = articles.after(last, BATCH); !batch.isEmpty();
                     batch = articles.after(last, BATCH)) {
                    for (ArticleStore.Sequenced item : batch) {
                        w.updateDocument(new Term(ArticleFields.ID, item.article().id()),
                                ArticleFields.document(item.article()));
                        last = item.seq();
                        indexed++;
                    }
                    w.setLiveCommitData(Map.of(LAST_SEQ, Long.toString(last)).entrySet());
                    w.commit();
                }
                if (indexed > 0 && searchers != null) searchers.maybeRefreshBlocking();
                return indexed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update the search index at " + path, e);
            }
        }
    }

    /**
     * Article ids best first (then newest first). Throws {@link QuerySyntaxException} for a bad query.
     * Empty when nothing was indexed yet.
     */
    public List<String> search(String query, int limit) throws QuerySyntaxException {
        SavedQuery parsed = SavedQuery.parse(query);
        try {
            SearcherManager manager = searchers();
            if (manager == null || limit <= 0) return List.of();
            manager.maybeRefresh();
            IndexSearcher searcher = manager.acquire();
            try {
                ScoreDoc[] hits = searcher.search(parsed.query(), limit, BEST_THEN_NEWEST, false).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<String> ids = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    Document doc = stored.document(hit.doc);
                    ids.add(doc.get(ArticleFields.ID));
                }
                return ids;
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index at " + path, e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                if (searchers != null) searchers.close();
                if (writer != null) writer.close();
                directory.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the search index at " + path, e);
            } finally {
                searchers = null;
                writer = null;
            }
        }
    }

    private IndexWriter writer() throws IOException {
        if (writer == null) {
            IndexWriterConfig config = new IndexWriterConfig(ArticleFields.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            try {
                writer = new IndexWriter(directory, config);
            } catch (LockObtainFailedException e) {
                throw new IllegalStateException("the search index at " + path + " is being written by another process", e);
            }
        }
        return writer;
    }

    private static long lastSeq(IndexWriter w) {
        Iterable<Map.Entry<String, String>> data = w.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(LAST_SEQ)) return Long.parseLong(entry.getValue());
            }
        }
        return 0;
    }

    /** The searcher manager, opened once the index has a first commit; null before. */
    private SearcherManager searchers() throws IOException {
        synchronized (lock) {
            if (searchers == null && DirectoryReader.indexExists(directory)) {
                searchers = new SearcherManager(directory, null);
            }
            return searchers;
        }
    }
}
