package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.api.JsonShapes;
import dev.tidings.model.Concept;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "concepts", mixinStandardHelpOptions = true, description = "Looks up the taxonomy.",
        subcommands = {ConceptsCommand.Search.class, ConceptsCommand.Show.class})
final class ConceptsCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say search or show");
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Finds concepts by name or alias.")
    static final class Search implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "TEXT") List<String> words;
        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "One JSON object per concept and line.") boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Tidings tidings = common.open()) {
                List<Concept> found = tidings.taxonomy().search(String.join(" ", words), limit);
                for (Concept c : found) {
                    if (json) out.println(JsonShapes.write(JsonShapes.concept(c), false));
                    else out.printf("%-40s %-13s %s%n", c.id(), c.type().key(), c.label());
                }
                if (found.isEmpty() && !json) {
                    // Finding nothing is an answer, not a failure.
                    spec.commandLine().getErr().println("No concept matches '" + String.join(" ", words) + "'.");
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one concept by id or label.")
    static final class Show implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Tidings tidings = common.open()) {
                Concept c = tidings.taxonomy().byId(id).or(() -> tidings.taxonomy().resolve(id))
                        .orElseThrow(() -> new RejectedInput("unknown concept '" + id + "'", true));
                if (json) {
                    out.println(JsonShapes.write(JsonShapes.concept(c), true));
                } else {
                    out.println(c.label() + "  (" + c.id() + ", " + c.type().key() + ")");
                    if (!c.description().isEmpty()) out.println(c.description());
                    if (!c.aliases().isEmpty()) out.println("Also: " + String.join(", ", c.aliases()));
                }
            }
            return 0;
        }
    }
}
