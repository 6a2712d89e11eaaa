package dev.tidings.cli;

import dev.tidings.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What only the web pages and the API could do before: webhooks and a reader's delivery preferences, from the shell. */
class DeliveryCommandsIT {
    @TempDir
    Path data;

    @Test
    void aReadersScheduleQuietHoursAndCapAreShownAndChangedAndWhatIsNotGivenStays() {
        Cli cli = new Cli(data);
        assertThat(cli.run("readers", "add", "ana@example.org", "--confirmed").exit()).isZero();

        Cli.Run shown = cli.run("delivery", "ana@example.org");
        assertThat(shown.exit()).as(shown.all()).isZero();
        assertThat(shown.out()).isEqualTo(
                "ana@example.org: daily digest at 07:00 UTC; instant alerts at most 6 an hour, no quiet hours.\n");

        Cli.Run changed = cli.run("delivery", "ana@example.org", "--tz", "Europe/Berlin", "--weekly", "--weekly-on", "friday",
                "--digest-at", "18:30", "--quiet", "22:00-07:00", "--alerts-per-hour", "3");
        assertThat(changed.exit()).as(changed.all()).isZero();
        assertThat(changed.out()).isEqualTo("ana@example.org: weekly digest on Friday at 18:30 Europe/Berlin;"
                + " instant alerts at most 3 an hour, quiet 22:00-07:00.\n");
        assertThat(cli.run("readers", "list").out()).contains("weekly 18:30 Europe/Berlin");

        Cli.Run partly = cli.run("delivery", "ana@example.org", "--daily", "--no-quiet");
        assertThat(partly.out()).isEqualTo(
                "ana@example.org: daily digest at 18:30 Europe/Berlin; instant alerts at most 3 an hour, no quiet hours.\n");
    }

    @Test
    void badDeliveryOptionsAreRefusedWithOneSentenceAndChangeNothing() {
        Cli cli = new Cli(data);
        cli.run("readers", "add", "ana@example.org", "--confirmed");

        for (String[] bad : new String[][] {{"--quiet", "22:00"}, {"--quiet", "7-8"}, {"--tz", "Mars/Olympus"},
                {"--alerts-per-hour", "0"}, {"--daily", "--weekly"}, {"--quiet", "22:00-07:00", "--no-quiet"}}) {
            String[] args = new String[bad.length + 2];
            args[0] = "delivery";
            args[1] = "ana@example.org";
            System.arraycopy(bad, 0, args, 2, bad.length);
            Cli.Run run = cli.run(args);
            assertThat(run.exit()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.err()).startsWith("tidings: ");
        }
        assertThat(cli.run("delivery", "nobody@example.org").exit()).isNotZero();
        assertThat(cli.run("delivery", "ana@example.org").out()).contains("daily digest at 07:00 UTC", "no quiet hours");
    }

    @Test
    void aWebhookIsAddedWithItsSecretShownOnceListedWithoutItAndRemoved() {
        Cli cli = new Cli(data);
        cli.run("readers", "add", "ana@example.org", "--confirmed");

        Cli.Run added = cli.run("webhooks", "add", "https://203.0.113.5/hook", "--reader", "ana@example.org");
        assertThat(added.exit()).as(added.all()).isZero();
        Matcher m = Pattern.compile("Added webhook (\\S+) for ana@example.org: https://203.0.113.5/hook\n"
                + "Secret \\(shown only now; it signs every POST\\): ([0-9a-f]{64})\n").matcher(added.out());
        assertThat(m.matches()).as(added.out()).isTrue();
        String id = m.group(1);
        String secret = m.group(2);

        Cli.Run listed = cli.run("webhooks", "list", "--reader", "ana@example.org");
        assertThat(listed.out()).contains(id + "  https://203.0.113.5/hook").doesNotContain(secret);
        assertThat(cli.run("webhooks", "list").out()).isEqualTo("No webhooks for the admin (every digest and alert).\n");

        Cli.Run refused = cli.run("webhooks", "add", "http://127.0.0.1:9/hook");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("private address 127.0.0.1");
        assertThat(cli.run("webhooks", "add", "ftp://203.0.113.5/hook").exit()).isEqualTo(2);

        assertThat(cli.run("webhooks", "remove", id).out()).isEqualTo("Removed webhook " + id + ".\n");
        Cli.Run again = cli.run("webhooks", "remove", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("there is no webhook " + id);
        assertThat(cli.run("webhooks", "list", "--reader", "ana@example.org").out()).startsWith("No webhooks for ana@example.org");
    }

    @Test
    void helpNamesTheNewCommands() {
        Cli.Run help = new Cli(data).run("--help");
        assertThat(help.out()).contains("webhooks", "delivery");
        assertThat(new Cli(data).run("delivery", "--help").out()).contains("--quiet=HH:MM-HH:MM", "--alerts-per-hour=N",
                "--weekly-on=DAY");
        assertThat(new Cli(data).run("webhooks", "add", "--help").out()).contains("shown only this once");
    }
}
