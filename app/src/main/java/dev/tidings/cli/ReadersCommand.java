package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "readers", mixinStandardHelpOptions = true, description = "Adds, lists and removes readers.",
        subcommands = {ReadersCommand.Add.class, ReadersCommand.ListReaders.class, ReadersCommand.Remove.class})
final class ReadersCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say add, list or remove");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a reader.",
                    "Without --confirmed a confirmation email is sent (double opt-in) and nothing else reaches",
                    "the reader until they follow its link."})
    static final class Add implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Option(names = "--tz", paramLabel = "ZONE", description = "IANA time zone, e.g. Europe/Berlin (default UTC).")
        String zone;
        @Option(names = "--digest-at", paramLabel = "HH:MM", description = "Local time of the digest (default 07:00).")
        String digestAt;
        @Option(names = "--weekly", description = "A weekly digest instead of a daily one.") boolean weekly;
        @Option(names = "--weekly-on", paramLabel = "DAY", description = "Day of the weekly digest (default MONDAY).")
        DayOfWeek weeklyOn;
        @Option(names = "--confirmed", description = "The address is known to be theirs: no confirmation email.")
        boolean confirmed;

        @Override
        public Integer call() throws Exception {
            ReaderAccounts.Preferences prefs = new ReaderAccounts.Preferences(zone(zone), time(digestAt),
                    weekly ? DigestFrequency.WEEKLY : DigestFrequency.DAILY, weeklyOn);
            try (Tidings tidings = common.open()) {
                Reader r = tidings.accounts().add(email, prefs, confirmed, null);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Added " + r.email() + " (" + r.frequency().name().toLowerCase() + " digest at "
                        + r.digestAt() + " " + r.zone() + ")" + (confirmed ? "."
                        : "; a confirmation email was sent to " + r.email() + "."));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists readers and what they follow.")
    static final class ListReaders implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Tidings tidings = common.open()) {
                ReaderAccounts accounts = tidings.accounts();
                List<Reader> all = accounts.all();
                for (Reader r : all) {
                    String follows = accounts.follows(r).stream().map(ReadersCommand::describe)
                            .collect(Collectors.joining(", "));
                    out.printf("%-32s %-11s %s %s %s  follows: %s%n", r.email(),
                            r.confirmed() ? "confirmed" : "unconfirmed", r.frequency().name().toLowerCase(),
                            r.digestAt(), r.zone(), follows.isEmpty() ? "nothing yet" : follows);
                }
                if (all.isEmpty()) out.println("No readers yet: add one with 'tidings readers add EMAIL'.");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a reader and erases their data.")
    static final class Remove implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws Exception {
            try (Tidings tidings = common.open()) {
                tidings.accounts().remove(email);
                spec.commandLine().getOut().println("Removed " + email.strip().toLowerCase() + " and erased their data.");
            }
            return 0;
        }
    }

    static String describe(Follow f) {
        String what = f.kind() == Follow.Kind.CONCEPT ? f.label() + " (" + f.target() + ")" : "search “" + f.target() + "”";
        return what + (f.instant() ? " [instant]" : "") + (f.aboutOnly() ? " [about only]" : "");
    }

    static ZoneId zone(String zone) throws RejectedInput {
        if (zone == null) return null;
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new RejectedInput("unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)", true);
        }
    }

    static LocalTime time(String hhmm) throws RejectedInput {
        if (hhmm == null) return null;
        try {
            return LocalTime.parse(hhmm);
        } catch (DateTimeParseException e) {
            throw new RejectedInput("'" + hhmm + "' is not a time of day (expected HH:MM, e.g. 07:30)", true);
        }
    }
}
