package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.ingest.Opml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "opml", mixinStandardHelpOptions = true,
        description = "Exports the sources as OPML 2.0 (import an OPML file with `tidings import FILE.opml`).",
        subcommands = {OpmlCommand.Export.class})
final class OpmlCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say export");
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Prints the sources as an OPML 2.0 document.")
    static final class Export implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Tidings tidings = common.open()) {
                var outlines = tidings.sources().all().stream()
                        .map(s -> new Opml.Outline(s.title(), s.url(), null)).toList();
                spec.commandLine().getOut().print(Opml.write("Tidings sources", outlines));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
