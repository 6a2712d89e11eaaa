package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.ingest.BundledSamples;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Submission;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.BackgroundWork;
import dev.tidings.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the service: web, API, ingest, alerts, digests and mail.",
                "Web pages, the JSON API, the inbox folder DATA/inbox, feed polling, matching, instant alerts,",
                "the digest scheduler and mail delivery. On an empty data folder it first loads the bundled",
                "sample articles."})
final class ServeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;
    @Option(names = "--no-samples", description = "Do not load the sample articles into an empty data folder.")
    boolean noSamples;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Tidings tidings = common.open();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tidings.close();
            stopped.countDown();
        }, "tidings-shutdown"));
        if (!noSamples && tidings.articles().count() == 0) loadSamples(tidings, out);
        // Made now, not on first use, so that the token file is there for the first API call.
        tidings.config().secretOrGenerate();
        boolean generatedToken = tidings.config().apiToken() == null;
        tidings.config().apiTokenOrGenerate();
        BackgroundWork background = tidings.backgroundWork();
        WebServer server = WebServer.start(tidings, bind, port);
        background.start();
        out.println("Tidings is running at http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                + server.port() + "/  (data: " + tidings.config().dataDir() + ", mail: "
                + tidings.transport().describe() + ")");
        out.println("Drop article files into " + tidings.config().inboxDir() + " to ingest them. Ctrl-C stops.");
        if (generatedToken) {
            out.println("The API token for POST /api/articles is in " + tidings.config().dataDir().resolve("api-token")
                    + " (set TIDINGS_API_TOKEN to choose your own).");
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private static void loadSamples(Tidings tidings, PrintWriter out) {
        List<Submission> samples = BundledSamples.load();
        ArticlePipeline pipeline = tidings.pipeline();
        int loaded = 0;
        for (Submission s : samples) {
            try {
                pipeline.ingest(s);
                loaded++;
            } catch (IngestException e) {
                out.println("sample " + s.origin() + " skipped: " + e.getMessage());
            }
        }
        out.println("Loaded " + loaded + " sample articles into the empty data folder (start with --no-samples to skip).");
    }
}
