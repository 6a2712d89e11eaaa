package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.api.JsonShapes;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.ingest.Feed;
import dev.tidings.ingest.FeedReader;
import dev.tidings.ingest.FetchResult;
import dev.tidings.ingest.Fetcher;
import dev.tidings.ingest.Opml;
import dev.tidings.ingest.PageFetcher;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.RejectedInput;
import dev.tidings.pipeline.SourcePoller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Ingests articles once from files, folders, feeds and pages.",
                "Text, Markdown, HTML and JSON files, folders (recursively), feed files and URLs (RSS, Atom,",
                "JSON Feed), page URLs, and OPML files (their feeds become sources).",
                "Prints one line per article and a summary."})
final class ImportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH|URL", description = "Files, folders or http(s) URLs.")
    List<String> inputs;

    @Option(names = "--json", description = "Print the analysis JSON of each stored article, one per line.")
    boolean json;

    @Option(names = "--allow-private", description = "Allow URLs on loopback, private and link-local addresses.")
    boolean allowPrivate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Input> work = expand(err);
        Map<ArticlePipeline.Outcome, Integer> counts = new EnumMap<>(ArticlePipeline.Outcome.class);
        int failed = work.stream().mapToInt(i -> i.error == null ? 0 : 1).sum();
        try (Tidings tidings = common.open()) {
            ArticlePipeline pipeline = tidings.pipeline();
            PageFetcher fetcher = new PageFetcher(tidings.fetcher(), allowPrivate);
            Progress progress = new Progress(err, work.size());
            for (Input input : work) {
                progress.step(input.label());
                if (input.error != null) continue;
                try {
                    List<SourcePoller.ItemOutcome> results = input.url != null
                            ? fromUrl(input.url, fetcher, tidings, out)
                            : fromFile(input.path, tidings, out);
                    progress.clear();
                    for (SourcePoller.ItemOutcome o : results) {
                        if (o.ingested() == null) {
                            err.println("tidings: " + o.error());
                            failed++;
                            continue;
                        }
                        ArticlePipeline.Ingested r = o.ingested();
                        counts.merge(r.outcome(), 1, Integer::sum);
                        if (json) out.println(JsonShapes.write(JsonShapes.article(r.article(), true), false));
                        else out.println(line(r));
                    }
                } catch (IngestException e) {
                    progress.clear();
                    err.println("tidings: " + e.getMessage());
                    failed++;
                }
            }
            progress.clear();
        }
        int ok = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (work.size() == 1 && failed == 1 && ok == 0) return 1;
        err.printf("Imported %d article%s: %d new, %d updated, %d duplicate%s; %d failed.%n", ok, ok == 1 ? "" : "s",
                counts.getOrDefault(ArticlePipeline.Outcome.NEW, 0), counts.getOrDefault(ArticlePipeline.Outcome.UPDATED, 0),
                counts.getOrDefault(ArticlePipeline.Outcome.DUPLICATE, 0),
                counts.getOrDefault(ArticlePipeline.Outcome.DUPLICATE, 0) == 1 ? "" : "s", failed);
        return failed == 0 ? 0 : 1;
    }

    /** A feed file gives its items, an OPML file adds its feeds as sources, anything else is one article. */
    private List<SourcePoller.ItemOutcome> fromFile(Path path, Tidings tidings, PrintWriter out) throws IngestException {
        byte[] head = head(path);
        if (Opml.looksLikeOpml(head)) {
            addSources(Opml.read(readAll(path), path.toString()), tidings, out);
            return List.of();
        }
        if (FeedReader.looksLikeFeed(head)) {
            Feed feed = new FeedReader().read(readAll(path), null, null, path.toString());
            return tidings.poller().ingest(feed, path.toString(), allowPrivate);
        }
        return List.of(new SourcePoller.ItemOutcome(tidings.pipeline().ingest(path), null));
    }

    /** A URL is fetched once and judged by its content: a feed, an OPML list or a page. */
    private List<SourcePoller.ItemOutcome> fromUrl(String url, PageFetcher pages, Tidings tidings, PrintWriter out)
            throws IngestException {
        FetchResult result = tidings.fetcher().fetch(url, Fetcher.Validators.NONE, allowPrivate,
                "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, */*;q=0.5");
        if (!(result instanceof FetchResult.Fetched f)) {
            String message = result instanceof FetchResult.Failed failed ? failed.message()
                    : result instanceof FetchResult.RateLimited r ? url + " asks to slow down (HTTP " + r.status() + ")"
                    : url + " answered 304 to an unconditional request";
            tidings.failures().record(url, "fetch", message);
            throw new IngestException(message);
        }
        if (Opml.looksLikeOpml(f.body())) {
            addSources(Opml.read(f.body(), url), tidings, out);
            return List.of();
        }
        if (FeedReader.looksLikeFeed(f.body())) {
            Feed feed = new FeedReader().read(f.body(), f.contentType(), f.url(), url);
            return tidings.poller().ingest(feed, url, allowPrivate);
        }
        return List.of(new SourcePoller.ItemOutcome(tidings.pipeline().ingest(pages.read(f)), null));
    }

    private void addSources(List<Opml.Outline> outlines, Tidings tidings, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        for (Opml.Outline o : outlines) {
            try {
                var added = tidings.poller().add(o.xmlUrl(), Duration.ofMinutes(15), allowPrivate);
                if (added.isPresent()) out.printf("source %d  added  %s%n", added.get().id(), o.title() == null ? o.xmlUrl() : o.title());
                else out.printf("source     exists %s%n", o.xmlUrl());
            } catch (RejectedInput e) {
                err.println("tidings: " + e.getMessage());
            }
        }
    }

    private static byte[] head(Path path) throws IngestException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] readAll(Path path) throws IngestException {
        try {
            if (Files.size(path) > ArticleReader.MAX_BYTES) {
                throw new IngestException(path + " is larger than " + ArticleReader.MAX_BYTES / (1024 * 1024) + " MB");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String line(ArticlePipeline.Ingested r) {
        Article a = r.article();
        String concepts = a.concepts().stream().filter(ConceptTag::isAbout).limit(4)
                .map(ConceptTag::label).collect(Collectors.joining(", "));
        return String.format("%s  %-9s %s  [story %s]%s", a.id(), r.outcome().name().toLowerCase(),
                TagCommand.abbreviate(a.title(), 80), a.story(), concepts.isEmpty() ? "" : "  " + concepts);
    }

    /** Files of folders, in order; inputs that cannot be read become errors reported in their turn. */
    private List<Input> expand(PrintWriter err) throws RejectedInput {
        List<Input> out = new ArrayList<>();
        for (String in : inputs) {
            if (in.startsWith("http://") || in.startsWith("https://")) {
                out.add(new Input(null, in, null));
                continue;
            }
            if (in.contains("://")) throw new RejectedInput("only http and https URLs can be imported, not " + in, true);
            Path p = Path.of(in);
            if (!Files.exists(p)) {
                out.add(new Input(p, null, "no such file or folder: " + in));
                continue;
            }
            try {
                List<Path> files = ArticleReader.articleFiles(p);
                if (files.isEmpty()) err.println("tidings: no article files in " + in);
                files.forEach(f -> out.add(new Input(f, null, null)));
            } catch (IOException e) {
                out.add(new Input(p, null, "cannot read " + in + ": " + e.getMessage()));
            }
        }
        out.stream().filter(i -> i.error != null).forEach(i -> err.println("tidings: " + i.error));
        return out;
    }

    private record Input(Path path, String url, String error) {
        String label() {
            return url != null ? url : path.getFileName().toString();
        }
    }

    /** A one-line counter on a terminal for long imports; silent when output is redirected. */
    private static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final boolean show;
        private int done;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
            this.show = System.console() != null && total > 10;
        }

        void step(String label) {
            done++;
            if (show) {
                err.printf("\r[%d/%d] %-60s", done, total, TagCommand.abbreviate(label, 60));
                err.flush();
            }
        }

        void clear() {
            if (show) {
                err.print("\r" + " ".repeat(75) + "\r");
                err.flush();
            }
        }
    }
}
