package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.pipeline.RejectedInput;
import dev.tidings.store.SourceStore.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "sources", mixinStandardHelpOptions = true, description = "Adds, lists and removes polled feed sources.",
        subcommands = {SourcesCommand.Add.class, SourcesCommand.ListSources.class, SourcesCommand.Remove.class})
final class SourcesCommand implements Runnable {
    private static final Pattern EVERY = Pattern.compile("(\\d+)\\s*(s|m|min|h|d)", Pattern.CASE_INSENSITIVE);

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say add, list or remove");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a feed (RSS, Atom or JSON Feed) that `serve` polls on its own interval.")
    static final class Add implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "URL") String url;
        @Option(names = "--every", paramLabel = "INTERVAL", defaultValue = "15m",
                description = "How often to poll: 90s, 15m, 2h, 1d (default 15m; at least 1m).")
        String every;
        @Option(names = "--allow-private", description = "Allow a source on loopback, private and link-local addresses.")
        boolean allowPrivate;

        @Override
        public Integer call() throws Exception {
            Duration interval = interval(every);
            try (Tidings tidings = common.open()) {
                var added = tidings.poller().add(url, interval, allowPrivate);
                if (added.isEmpty()) throw new RejectedInput(url.strip() + " is already a source", false);
                spec.commandLine().getOut().printf("Added source %d: %s (every %s)%n", added.get().id(),
                        added.get().url(), human(interval));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists sources with their health: last fetch, last error, items, next poll.")
    static final class ListSources implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Tidings tidings = common.open()) {
                List<Source> all = tidings.sources().all();
                if (all.isEmpty()) out.println("No sources. Add one with: tidings sources add URL");
                for (Source s : all) {
                    out.printf("%d  %s%n", s.id(), s.name());
                    if (s.title() != null) out.printf("    %s%n", s.url());
                    out.printf("    every %s%s · %d items · last fetch %s · next poll %s%n", human(s.every()),
                            s.allowPrivate() ? " · private allowed" : "", s.itemsTotal(), when(s.lastFetchAt()),
                            when(s.nextPollAt()));
                    if (s.lastErrorAt() != null) {
                        out.printf("    %s: last error %s (%s): %s%n", s.failures() > 0 ? "FAILING ×" + s.failures() : "ok",
                                when(s.lastErrorAt()), s.lastErrorKind().toLowerCase(Locale.ROOT), s.lastErrorMessage());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stops polling a source (its articles stay).")
    static final class Remove implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID") long id;

        @Override
        public Integer call() throws Exception {
            try (Tidings tidings = common.open()) {
                if (!tidings.sources().remove(id)) throw new RejectedInput("there is no source " + id, false);
                spec.commandLine().getOut().printf("Removed source %d.%n", id);
            }
            return 0;
        }
    }

    static Duration interval(String text) throws RejectedInput {
        Matcher m = EVERY.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new RejectedInput("'" + text + "' is not an interval (write 90s, 15m, 2h or 1d)", true);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMinutes(n);
        };
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    private static String when(Instant t) {
        return t == null ? "never" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
