package dev.tidings.cli;

import dev.tidings.Config;
import dev.tidings.Tidings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.InstantSource;

/** Options every command takes; mixed into each command. */
final class CommonOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (default: $TIDINGS_DATA or ./data).")
    Path data;

    @Option(names = "--verbose", description = "Show details of errors.")
    boolean verbose;

    /** The command these options are mixed into, to find a --data given before the subcommand. */
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    Config config() {
        return Config.load(dataDir(), System.getenv());
    }

    /** {@code --data} as given on this command or on a parent ({@code tidings --data X import …}). */
    private Path dataDir() {
        if (data != null) return data;
        for (CommandLine.Model.CommandSpec c = mixee == null ? null : mixee.parent(); c != null; c = c.parent()) {
            CommandLine.Model.OptionSpec o = c.findOption("--data");
            if (o != null && o.getValue() != null) return o.getValue();
        }
        return Config.defaultDataDir(System.getenv());
    }

    Tidings open() {
        return new Tidings(config(), InstantSource.system());
    }

    static boolean verboseRequested(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null) {
            if (p.hasMatchedOption("--verbose")) return true;
            p = p.subcommand();
        }
        return false;
    }
}
