package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.DigestDispatcher;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Builds the digest a reader gets at an instant and delivers it.",
                "It holds the matching articles of the period before the instant (a day or a week) not sent before;",
                "with nothing new no email is sent, and the same digest is never sent twice."})
final class DigestCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "EMAIL") String email;
    @Option(names = "--at", paramLabel = "INSTANT",
            description = "2021-08-11T07:00:00Z, a local date-time (reader's zone), or a date (reader's digest time). Default: now.")
    String at;
    @Option(names = "--dry-run", description = "Print the MIME message instead of sending it; records nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Tidings tidings = common.open()) {
            Reader reader = tidings.accounts().require(email);
            Instant instant = at == null ? tidings.clock().instant() : parse(at, reader);
            DigestDispatcher.Result r = tidings.digests().run(reader, instant, dryRun);
            int stories = r.digest().sections().stream().mapToInt(s -> s.entries().size()).sum();
            switch (r.status()) {
                case NOTHING_NEW -> spec.commandLine().getErr().println(
                        "Nothing new for " + reader.email() + " in the period before " + instant + ": no email.");
                case QUEUED -> out.print(new String(r.mime(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
                case ALREADY_SENT -> out.println("The digest for " + reader.email() + " at " + instant
                        + " was sent already; nothing sent again.");
                case SUPPRESSED -> throw new RejectedInput(reader.email()
                        + " is suppressed after repeated hard bounces, so nothing was sent", false);
                case NOT_CONFIRMED -> throw new RejectedInput(reader.email()
                        + " has not confirmed their address yet, so nothing is sent to them", false);
                case SENT -> out.println("Sent the digest to " + reader.email() + ": " + stories + " stor"
                        + (stories == 1 ? "y" : "ies") + " in " + r.digest().sections().size() + " section"
                        + (r.digest().sections().size() == 1 ? "" : "s") + " (" + r.mail().messageId() + ", via "
                        + tidings.transport().describe() + ").");
            }
        }
        return 0;
    }

    static Instant parse(String text, Reader reader) throws RejectedInput {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an instant with an offset; try the reader-local forms
        }
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not zoned either
        }
        try {
            return LocalDateTime.parse(text).atZone(reader.zone()).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(text).atTime(reader.digestAt()).atZone(reader.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedInput("'" + text + "' is not an instant (expected e.g. 2021-08-11T07:00:00Z or 2021-08-11)", true);
        }
    }
}
