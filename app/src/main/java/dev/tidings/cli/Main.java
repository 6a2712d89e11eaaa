package dev.tidings.cli;

import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point of the {@code tidings} launcher. */
@Command(name = "tidings", mixinStandardHelpOptions = true, version = "Tidings 0.1",
        description = "Self-hosted news alerts and digests: follow topics, people, places and searches.",
        subcommands = {ServeCommand.class, ImportCommand.class, TagCommand.class, ReadersCommand.class,
                FollowCommand.class, UnfollowCommand.class, DigestCommand.class, ConceptsCommand.class,
                SourcesCommand.class, OpmlCommand.class, BacktestCommand.class,
                WebhooksCommand.class, DeliveryCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which command to run");
    }

    public static void main(String[] args) {
        // Before any logger exists: a one-shot command prints its result, not the server's progress log.
        boolean serve = java.util.Arrays.asList(args).contains("serve");
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : serve ? "info" : "warn");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code (for tests: no System.exit). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("tidings: " + ex.getMessage());
            CommandLine cmd = ex.getCommandLine();
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = CommonOptions.verboseRequested(parsed);
            if (ex instanceof RejectedInput r) {
                err.println("tidings: " + r.getMessage());
                if (verbose) ex.printStackTrace(err);
                return r.isUsage() ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
            }
            err.println("tidings: " + oneSentence(ex));
            if (verbose) ex.printStackTrace(err);
            else err.println("(run again with --verbose for details)");
            return CommandLine.ExitCode.SOFTWARE;
        });
        int exit = cli.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    private static String oneSentence(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
