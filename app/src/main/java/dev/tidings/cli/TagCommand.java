package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.api.JsonShapes;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Quote;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"Analyses articles without storing them.",
                "Prints what Tidings understands: title, clean text, boilerplate, concepts (about or",
                "mentions) and quotes.",
                "Use - to read one article from standard input."})
final class TagCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Article files (text, Markdown, HTML, JSON), or -.")
    List<String> inputs;

    @Option(names = "--json", description = "Print the analysis JSON, one object per line (JSON Lines), in input order.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (Tidings tidings = common.open()) {
            applyStoredConcepts(tidings);
            ArticlePipeline pipeline = tidings.analysisPipeline();
            for (String input : inputs) {
                try {
                    Article a = input.equals("-") ? pipeline.analyze(new ArticleReader().readText(stdin(), "stdin"))
                            : pipeline.analyze(Path.of(input));
                    if (json) out.println(JsonShapes.write(JsonShapes.article(a, false), false));
                    else printHuman(out, a);
                } catch (IngestException e) {
                    if (inputs.size() == 1) throw new RejectedInput(e.getMessage(), false, e);
                    err.println("tidings: " + e.getMessage());
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /**
     * Lays the concepts admins added and the ones discovered in imported articles over the taxonomy,
     * as {@code import} and {@code serve} do, so {@code tag} shows what an import would store. Only
     * when the data folder has a database already: {@code tag} stores nothing and creates no files.
     */
    private static void applyStoredConcepts(Tidings tidings) {
        if (!Files.isDirectory(tidings.config().dataDir())) return;
        String url = tidings.config().databaseUrl();
        if (url.startsWith(SQLITE)) {
            String file = url.substring(SQLITE.length());
            int query = file.indexOf('?');
            if (query >= 0) file = file.substring(0, query);
            if (file.isEmpty() || file.startsWith(":memory:") || !Files.isRegularFile(Path.of(file))) return;
        }
        tidings.curation(); // brings the analyser's taxonomy up to the stored concepts
    }

    private static final String SQLITE = "jdbc:sqlite:";

    private static String stdin() throws IngestException {
        try {
            InputStream in = System.in;
            byte[] bytes = in.readNBytes(ArticleReader.MAX_BYTES + 1);
            if (bytes.length > ArticleReader.MAX_BYTES) throw new IngestException("standard input is larger than the limit");
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IngestException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    static void printHuman(PrintWriter out, Article a) {
        out.println(a.title());
        out.println("  published: " + (a.published() == null ? "unknown" : a.published().dateOnly()
                ? a.published().instant().toString().substring(0, 10) : a.published().instant()));
        out.println("  language:  " + a.language());
        for (ConceptTag t : a.concepts()) {
            out.printf("  %-9s %-40s %s (score %.2f, %d×)%n", t.relevance().name().toLowerCase(), t.conceptId(),
                    t.label(), t.score(), t.mentions());
        }
        for (Quote q : a.quotes()) {
            out.println("  quote:    " + (q.speakerLabel() == null ? "?" : q.speakerLabel()) + ": “"
                    + abbreviate(q.text(), 90) + "”");
        }
        for (String b : a.boilerplate()) out.println("  removed:  " + abbreviate(b, 90));
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
