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

    Config config() {
        return Config.load(data != null ? data : Config.defaultDataDir(System.getenv()), System.getenv());
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
