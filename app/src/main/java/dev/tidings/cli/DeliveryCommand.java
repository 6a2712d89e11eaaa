package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "delivery", mixinStandardHelpOptions = true,
        description = {"Shows or changes when a reader gets mail.",
                "The digest's schedule (time zone, time, daily or weekly and on which day) and instant alerts'",
                "quiet hours and hourly cap. Without options it shows them; options not given stay as they are."})
final class DeliveryCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "EMAIL") String email;
    @Option(names = "--tz", paramLabel = "ZONE", description = "IANA time zone, e.g. Europe/Berlin.") String zone;
    @Option(names = "--digest-at", paramLabel = "HH:MM", description = "Local time of the digest.") String digestAt;
    @Option(names = "--daily", description = "A daily digest.") boolean daily;
    @Option(names = "--weekly", description = "A weekly digest.") boolean weekly;
    @Option(names = "--weekly-on", paramLabel = "DAY", description = "Day of the weekly digest, e.g. FRIDAY.")
    DayOfWeek weeklyOn;
    @Option(names = "--quiet", paramLabel = "HH:MM-HH:MM",
            description = "Quiet hours in the reader's zone (may span midnight, e.g. 22:00-07:00): alerts wait until they end.")
    String quiet;
    @Option(names = "--no-quiet", description = "No quiet hours.") boolean noQuiet;
    @Option(names = "--alerts-per-hour", paramLabel = "N",
            description = "The most alerts in any hour (1 to 1000); more are held and sent as one message.")
    Integer alertsPerHour;

    @Override
    public Integer call() throws Exception {
        if (daily && weekly) throw new RejectedInput("give --daily or --weekly, not both", true);
        if (quiet != null && noQuiet) throw new RejectedInput("give --quiet or --no-quiet, not both", true);
        if (alertsPerHour != null && (alertsPerHour < 1 || alertsPerHour > 1000)) {
            throw new RejectedInput("--alerts-per-hour must be between 1 and 1000", true);
        }
        LocalTime[] quietHours = quiet == null ? null : quietHours(quiet);
        try (Tidings tidings = common.open()) {
            Reader reader = tidings.accounts().require(email);
            boolean schedule = zone != null || digestAt != null || daily || weekly || weeklyOn != null;
            if (schedule) {
                reader = tidings.accounts().updatePreferences(reader, new ReaderAccounts.Preferences(
                        ReadersCommand.zone(zone), ReadersCommand.time(digestAt),
                        daily ? DigestFrequency.DAILY : weekly ? DigestFrequency.WEEKLY : null, weeklyOn));
            }
            DeliveryPreferences prefs = tidings.deliveries().preferences(reader.id());
            if (quietHours != null || noQuiet || alertsPerHour != null) {
                prefs = new DeliveryPreferences(reader.id(),
                        noQuiet ? null : quietHours != null ? quietHours[0] : prefs.quietFrom(),
                        noQuiet ? null : quietHours != null ? quietHours[1] : prefs.quietUntil(),
                        alertsPerHour != null ? alertsPerHour : prefs.alertsPerHour());
                tidings.deliveries().savePreferences(prefs);
            }
            spec.commandLine().getOut().println(describe(reader, prefs));
        }
        return 0;
    }

    static String describe(Reader reader, DeliveryPreferences prefs) {
        String digest = reader.frequency() == DigestFrequency.WEEKLY
                ? "weekly digest on " + name(reader.weeklyOn()) + " at " + reader.digestAt()
                : "daily digest at " + reader.digestAt();
        String quiet = prefs.quietFrom() == null ? "no quiet hours"
                : "quiet " + prefs.quietFrom() + "-" + prefs.quietUntil();
        return reader.email() + ": " + digest + " " + reader.zone() + "; instant alerts at most "
                + prefs.alertsPerHour() + " an hour, " + quiet + ".";
    }

    private static String name(DayOfWeek day) {
        String lower = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    static LocalTime[] quietHours(String range) throws RejectedInput {
        String[] ends = range.strip().split("-", -1);
        if (ends.length != 2) {
            throw new RejectedInput("'" + range + "' is not a range of hours (expected HH:MM-HH:MM, e.g. 22:00-07:00)", true);
        }
        LocalTime from = ReadersCommand.time(ends[0].strip());
        LocalTime until = ReadersCommand.time(ends[1].strip());
        if (from.equals(until)) throw new RejectedInput("quiet hours must not start and end at the same time", true);
        return new LocalTime[] {from, until};
    }
}
