package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "unfollow", mixinStandardHelpOptions = true, description = "Stops a reader following a concept or search.")
final class UnfollowCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "EMAIL") String email;
    @Parameters(index = "1", paramLabel = "WHAT") String what;

    @Override
    public Integer call() throws Exception {
        try (Tidings tidings = common.open()) {
            Reader reader = tidings.accounts().require(email);
            if (!tidings.accounts().unfollow(reader, what)) {
                throw new RejectedInput(reader.email() + " does not follow '" + what + "'", false);
            }
            spec.commandLine().getOut().println(reader.email() + " no longer follows " + what + ".");
        }
        return 0;
    }
}
