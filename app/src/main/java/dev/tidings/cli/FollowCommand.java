package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.Follow;
import dev.tidings.model.Reader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Makes a reader follow a concept or a saved search.",
                "WHAT is a concept id (place/belarus), a label or alias (Belarus, EU immigration, Lukashenko),",
                "or a search in query syntax (Lukashenko AND (migrants OR border))."})
final class FollowCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "EMAIL") String email;
    @Parameters(index = "1", paramLabel = "WHAT") String what;
    @Option(names = "--instant", description = "Also send an alert as soon as a matching article arrives.")
    boolean instant;
    @Option(names = "--about-only", description = "Only articles about the concept, not passing mentions.")
    boolean aboutOnly;

    @Override
    public Integer call() throws Exception {
        try (Tidings tidings = common.open()) {
            Reader reader = tidings.accounts().require(email);
            Follow f = tidings.accounts().follow(reader, what, instant, aboutOnly);
            spec.commandLine().getOut().println(reader.email() + " now follows " + ReadersCommand.describe(f) + ".");
        }
        return 0;
    }
}
