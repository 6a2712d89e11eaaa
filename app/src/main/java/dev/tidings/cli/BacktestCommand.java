package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.match.Backtest;
import dev.tidings.model.Follow;
import dev.tidings.pipeline.FollowBacktester;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Shows how many archived articles a follow would have matched per day over the last 30 days.")
final class BacktestCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "WHAT", description = "a concept id or label, or a saved search")
    String what;
    @Option(names = "--about", description = "for a concept: only articles about it, not passing mentions")
    boolean about;

    @Override
    public Integer call() throws Exception {
        try (Tidings tidings = common.open()) {
            try {
                tidings.searchIndex().catchUp(tidings.articles());
            } catch (IllegalStateException serverRunning) {
                // serve holds the index and keeps it current within a second: search what it has.
            }
            Follow follow = tidings.accounts().draft(what, about);
            Backtest result = tidings.accounts().backtest(follow, tidings.backtester(), ZoneOffset.UTC);
            print(spec.commandLine().getOut(), follow.label(), result);
        }
        return 0;
    }

    private static void print(PrintWriter out, String name, Backtest r) {
        out.printf("'%s' would have matched %s%d article%s in the last %d days (%.1f a day, at most %d in one day).%n",
                name, r.capped() ? "at least " : "", r.total(), r.total() == 1 ? "" : "s", r.days().size(), r.perDay(),
                r.busiestDay());
        for (Backtest.Day d : r.days()) {
            if (d.articles() > 0) out.printf("  %s  %d%n", d.date(), d.articles());
        }
        if (!r.examples().isEmpty()) out.println("For example:");
        for (Backtest.Example e : r.examples()) {
            out.printf("  %s  %s — %s%n", e.published().toString().substring(0, 10), e.title(), e.why());
        }
    }
}
