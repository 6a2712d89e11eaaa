package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an article is seen by saved searches and by the full-text index: its fields and their analysis.
 * The index ({@code store.SearchIndex}) and {@link SavedQuery} both build on this class, so a query
 * finds in the index exactly the articles it matches one by one.
 *
 * <p>Text fields ({@link #TITLE}, {@link #TEXT}, {@link #SOURCE}, {@link #LABEL}) use an English-friendly
 * analysis: Unicode word splitting, lower case, accents folded ({@code Zürich} = {@code Zurich}),
 * possessives dropped and Porter stemming ({@code migrant} = {@code migrants}); no stop words, so every
 * word a reader types counts. {@link #LANGUAGE}, {@link #CONCEPT} and {@link #ABOUT} hold exact lower-case values.
 */
public final class ArticleFields {
    /** The article id: exact, stored. */
    public static final String ID = "id";
    public static final String TITLE = "title";
    /** The clean body text. */
    public static final String TEXT = "text";
    /** The publication's name. */
    public static final String SOURCE = "source";
    /** The ISO 639-1 code. */
    public static final String LANGUAGE = "language";
    /** Concept ids such as {@code place/belarus}, one value per tagged concept. */
    public static final String CONCEPT = "concept";
    /** Ids of the concepts the article is about (not merely mentions), for {@code about:} in queries. */
    public static final String ABOUT = "about";
    /** Concept labels such as {@code Belarus}, one value per tagged concept, searched by bare words. */
    public static final String LABEL = "label";
    /** The effective publication time in epoch milliseconds: a point for ranges, doc values for sorting. */
    public static final String PUBLISHED = "published";

    /** Gap between values of one field, so a phrase never spans two labels. */
    private static final int VALUE_GAP = 100;

    private ArticleFields() {
    }

    /** A new analyzer for these fields (for indexing and for query parsing). */
    public static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new WordAnalyzer(),
                Map.of(LANGUAGE, new ExactAnalyzer(), CONCEPT, new ExactAnalyzer(), ABOUT, new ExactAnalyzer(),
                        ID, new ExactAnalyzer()));
    }

    /** The Lucene document for the article, with its id stored. */
    public static Document document(Article article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, article.title(), Field.Store.NO));
        doc.add(new TextField(TEXT, article.text(), Field.Store.NO));
        if (article.source() != null) doc.add(new TextField(SOURCE, article.source(), Field.Store.NO));
        doc.add(new StringField(LANGUAGE, exact(article.language()), Field.Store.NO));
        for (ConceptTag tag : article.concepts()) {
            doc.add(new StringField(CONCEPT, exact(tag.conceptId()), Field.Store.NO));
            if (tag.isAbout()) doc.add(new StringField(ABOUT, exact(tag.conceptId()), Field.Store.NO));
            doc.add(new TextField(LABEL, tag.label(), Field.Store.NO));
        }
        long published = article.effectivePublished().instant().toEpochMilli();
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED, published));
        return doc;
    }

    /** A searcher over this one article, for matching queries against it. Not thread-safe; build one per use. */
    static IndexSearcher memorySearcher(Article article, Analyzer analyzer) {
        MemoryIndex index = new MemoryIndex();
        index.addField(TITLE, article.title(), analyzer);
        index.addField(TEXT, article.text(), analyzer);
        if (article.source() != null) index.addField(SOURCE, article.source(), analyzer);
        index.addField(LANGUAGE, article.language(), analyzer);
        for (ConceptTag tag : article.concepts()) {
            index.addField(CONCEPT, tag.conceptId(), analyzer);
            if (tag.isAbout()) index.addField(ABOUT, tag.conceptId(), analyzer);
            index.addField(LABEL, tag.label(), analyzer);
        }
        IndexSearcher searcher = index.createSearcher();
        searcher.setQueryCache(null);
        return searcher;
    }

    /** Every term of an in-memory article, field by field. */
    static Set<Term> terms(IndexSearcher article) {
        Set<Term> all = new HashSet<>();
        try {
            for (LeafReaderContext leaf : article.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                for (FieldInfo field : reader.getFieldInfos()) {
                    Terms terms = reader.terms(field.name);
                    if (terms == null) continue;
                    TermsEnum it = terms.iterator();
                    for (BytesRef term = it.next(); term != null; term = it.next()) {
                        all.add(new Term(field.name, BytesRef.deepCopyOf(term)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an in-memory article", e);
        }
        return all;
    }

    private static String exact(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Words: split, lower-cased, accents folded, English possessives and suffixes removed. */
    private static final class WordAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            // what wildcard and prefix terms go through: no stemming, which needs whole words
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return VALUE_GAP;
        }
    }

    /** One lower-cased token per value: language codes and concept ids. */
    private static final class ExactAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
