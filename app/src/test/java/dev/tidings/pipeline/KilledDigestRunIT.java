package dev.tidings.pipeline;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.Reader;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test of issue 7: the packaged server sends the digests of 1,000 readers over SMTP, is killed
 * ({@code kill -9}, no shutdown hook runs) part-way through, and started again on the same data folder.
 * Afterwards every reader holds exactly one digest for the period: one Message-ID each, none missing. (SMTP
 * delivery is at-least-once, so a message that was on the wire at the kill may arrive twice with the same
 * Message-ID, which a mail client shows once; two different digests for one period would be the bug.)
 */
class KilledDigestRunIT {
    private static final Path JAR = Path.of("target", "tidings-all.jar");
    private static final int READERS = 1_000;

    @TempDir Path data;
    private GreenMail smtp;
    private Process server;

    @BeforeEach
    void startSmtp() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(data.resolve("tidings.properties"), "TIDINGS_MAIL_URL=smtp://127.0.0.1:" + port + "\n");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        smtp.stop();
    }

    @Test
    void aServerKilledMidRunAndRestartedLeavesEveryReaderExactlyOneDigest() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Due two minutes ago in UTC, so the server's first digest round finds all 1,000 digests due at once.
        LocalTime digestAt = LocalTime.ofInstant(now.minus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        Instant longAgo = now.minus(Duration.ofDays(3));
        try (Tidings setup = new Tidings(Config.load(data, Map.of()), InstantSource.fixed(longAgo))) {
            for (int i = 0; i < READERS; i++) {
                String id = "crash-reader-" + i;
                setup.readers().add(new Reader(id, "reader" + i + "@example.org", ZoneOffset.UTC, digestAt,
                        DigestFrequency.DAILY, DayOfWeek.MONDAY, true, longAgo));
                setup.follows().put(new Follow("crash-follow-" + i, id, Follow.Kind.QUERY, "Frontex", "Frontex",
                        false, false, longAgo));
            }
            Path article = data.resolve("frontex.txt");
            Files.writeString(article, "title: Frontex sends officers to the Latvian border\ndate: "
                    + now.minus(Duration.ofHours(1)) + "\n\nFrontex will send 40 officers to Latvia's border with Belarus"
                    + " after more migrants tried to cross into the European Union, the agency said.\n");
            setup.pipeline().ingest(article);
        }

        server = serve();
        int atKill = awaitReceived(50, Duration.ofMinutes(3));
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close of the database or the SMTP session
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeRestart = smtp.getReceivedMessages().length;
        assertThat(beforeRestart).as("killed in the middle of sending, not before or after").isBetween(1, READERS - 1);

        server = serve();
        Map<String, Set<String>> digestsByReader = awaitEveryReader(Duration.ofMinutes(4));
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
        digestsByReader = digestsByReader(); // anything that arrived while we were stopping it counts too

        System.out.printf("killed after %d digests had arrived (%d at the kill); %d arrived in all for %d readers%n",
                atKill, beforeRestart, smtp.getReceivedMessages().length, digestsByReader.size());
        assertThat(digestsByReader).hasSize(READERS);
        Map<String, Set<String>> notOne = new TreeMap<>();
        digestsByReader.forEach((reader, ids) -> {
            if (ids.size() != 1) notOne.put(reader, ids);
        });
        assertThat(notOne).as("readers without exactly one digest Message-ID").isEmpty();
    }

    private Process serve() throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "serve", "--port", "0", "--no-samples", "--data", data.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("serve.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private int awaitReceived(int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        while ((n = smtp.getReceivedMessages().length) < atLeast && System.nanoTime() < deadline && server.isAlive()) {
            Thread.sleep(5);
        }
        return n;
    }

    private Map<String, Set<String>> awaitEveryReader(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Set<String>> seen = digestsByReader();
        while (seen.size() < READERS && System.nanoTime() < deadline && server.isAlive()) {
            Thread.sleep(200);
            seen = digestsByReader();
        }
        return seen;
    }

    /** Each recipient's distinct Message-IDs. */
    private Map<String, Set<String>> digestsByReader() throws MessagingException {
        Map<String, Set<String>> byReader = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address to : m.getAllRecipients()) {
                byReader.computeIfAbsent(to.toString(), k -> new HashSet<>()).add(m.getMessageID());
            }
        }
        return byReader;
    }
}
