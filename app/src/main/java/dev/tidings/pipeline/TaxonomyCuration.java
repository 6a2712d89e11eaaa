package dev.tidings.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.Concept;
import dev.tidings.store.ConceptStore;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps the analyser's taxonomy current: the bundled data, then the files in the data folder's
 * {@code taxonomy/} directory, then the concepts stored by admins and discovered in articles.
 * A change made here, or by another process sharing the database, takes effect on the next
 * article without a restart. Thread-safe: rebuilds are serialised, analyses never wait for them.
 */
public final class TaxonomyCuration {
    /** What an admin's definition came to. */
    public sealed interface Outcome {
        record Saved(Concept concept, boolean created) implements Outcome {}

        record Rejected(String error) implements Outcome {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArticleAnalyzer analyzer;
    private final Taxonomy base;
    private final ConceptStore store;
    private long builtVersion = -1;

    /** @param base the bundled taxonomy with the data folder's files laid over it ({@link #withFiles}) */
    public TaxonomyCuration(ArticleAnalyzer analyzer, Taxonomy base, ConceptStore store) {
        this.analyzer = analyzer;
        this.base = base;
        this.store = store;
    }

    /**
     * The taxonomy with every {@code *.json} file of the folder laid over it, in name order (a file
     * holds {@code {"concepts": [...]}} in the bundled format). A bad file stops the start with an
     * error that names it: silently tagging without an admin's rules would be worse.
     */
    public static Taxonomy withFiles(Taxonomy taxonomy, Path folder) {
        if (!Files.isDirectory(folder)) return taxonomy;
        List<String> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    definitions.addAll(Taxonomy.definitions(Files.readString(f, StandardCharsets.UTF_8)));
                    taxonomy.extendedWith(definitions);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("taxonomy file " + f + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy folder " + folder, e);
        }
        return taxonomy.extendedWith(definitions);
    }

    public Taxonomy taxonomy() {
        refreshIfStale();
        return analyzer.taxonomy();
    }

    /** Rebuilds the analyser's taxonomy when the stored concepts changed since the last build. */
    public synchronized void refreshIfStale() {
        long version = store.version();
        if (version == builtVersion) return;
        Taxonomy t = base;
        List<String> good = new ArrayList<>();
        for (ConceptStore.StoredConcept c : store.all()) {
            // checked when stored; a definition the bundled data has since made invalid is left out, not fatal
            if (t.check(c.definition()) instanceof Taxonomy.Check.Valid) good.add(c.definition());
        }
        try {
            t = t.extendedWith(good);
        } catch (IllegalArgumentException e) {
            t = base;
        }
        analyzer.use(t);
        builtVersion = version;
    }

    /**
     * Adds or replaces a concept from an admin's definition. With {@code expectedId} (a PUT to the
     * concept's URL) the definition must carry that id; with {@code create} a concept of that id
     * must not exist yet.
     */
    public synchronized Outcome define(String json, String expectedId, boolean create) {
        Taxonomy current = taxonomy();
        Taxonomy.Check check = current.check(json);
        if (check instanceof Taxonomy.Check.Invalid invalid) return new Outcome.Rejected(invalid.error());
        Concept concept = ((Taxonomy.Check.Valid) check).concept();
        if (expectedId != null && !expectedId.equals(concept.id())) {
            return new Outcome.Rejected("the definition's id " + concept.id() + " differs from the URL's " + expectedId);
        }
        boolean exists = current.byId(concept.id()).isPresent();
        if (create && exists) {
            return new Outcome.Rejected("concept " + concept.id() + " exists already; PUT /api/admin/concepts/" + concept.id() + " replaces it");
        }
        try {
            current.extendedWith(List.of(json));
        } catch (IllegalArgumentException e) {
            return new Outcome.Rejected(e.getMessage());
        }
        store.put(concept.id(), json);
        refreshIfStale();
        return new Outcome.Saved(concept, !exists);
    }

    /** Stores the concepts an analysis discovered, so the next article naming them links to the same id. */
    public void keep(List<Concept> discovered) {
        boolean added = false;
        for (Concept c : discovered) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("id", c.id());
            definition.put("label", c.label());
            definition.put("aliases", c.aliases());
            definition.put("description", c.description());
            definition.put("discovered", true);
            try {
                String json = JSON.writeValueAsString(definition);
                if (analyzer.taxonomy().check(json) instanceof Taxonomy.Check.Valid) added |= store.addDiscovered(c.id(), json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (added) refreshIfStale();
    }

    public List<ConceptStore.StoredConcept> stored() {
        return store.all();
    }
}
