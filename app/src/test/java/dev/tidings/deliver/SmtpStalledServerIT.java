package dev.tidings.deliver;

import dev.tidings.pipeline.OutboxSender;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that accepts the message (354) and then stops reading: the socket's receive window fills, and a
 * write without a deadline would block forever. The send must fail within the write timeout, say why, and
 * leave the message to the outbox's back-off like any transient failure.
 */
class SmtpStalledServerIT {
    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(400);
    /** Far more than the kernel buffers on both ends hold, so the client's write really blocks. */
    private static final int MESSAGE_BYTES = 32 * 1024 * 1024;

    private StallingServer server;
    private SmtpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new StallingServer();
        transport = new SmtpTransport(SmtpTransport.Settings.parse(URI.create("smtp://127.0.0.1:" + server.port())),
                (SSLSocketFactory) SSLSocketFactory.getDefault(),
                new SmtpTransport.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), WRITE_TIMEOUT));
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    @Test
    void aServerThatStopsReadingFailsTheSendWithinTheWriteTimeoutAsATransientFailureThatSaysSo() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.sendMime("<stall.1@news.example.org>", "ana@example.org", bigMessage()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).contains("<stall.1@news.example.org>")
                            .contains("127.0.0.1:" + server.port()).contains("stopped reading")
                            .contains(WRITE_TIMEOUT.toMillis() + " ms");
                });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // well under the 30 s read timeout: it was the write deadline that fired
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(server.reachedData.await(0, TimeUnit.SECONDS)).as("the server had said 354 and stopped reading").isTrue();
    }

    @Test
    void aSendStalledByTheServerIsRecordedAndRetriedAfterTheFirstBackOff(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-29T07:00:00Z");
        MutableClock clock = new MutableClock(now);
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"))) {
            DeliveryStore deliveries = new DeliveryStore(db, clock);
            FailureLog failures = new FailureLog(db, clock);
            OutboxSender outbox = new OutboxSender(deliveries, transport, failures, clock);
            assertThat(deliveries.enqueue("<stall.2@news.example.org>", null, "ana@example.org", "digest",
                    bigMessage())).isTrue();

            assertThat(outbox.flush()).isZero();

            DeliveryStore.OutboxItem item = deliveries.pending(10).get(0);
            assertThat(item.status()).isEqualTo("pending");
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.lastError()).contains("stopped reading");
            assertThat(item.nextAttemptAt()).isEqualTo(now.plus(RetryPolicy.DEFAULT.delayAfter(1)));
            assertThat(failures.recent(10)).anySatisfy(f -> {
                assertThat(f.where()).isEqualTo("<stall.2@news.example.org>");
                assertThat(f.kind()).isEqualTo("delivery");
                assertThat(f.message()).contains("stopped reading");
            });
            // not due before the back-off has passed
            clock.advance(Duration.ofSeconds(59));
            assertThat(deliveries.due(clock.instant(), 10)).isEmpty();
        }
    }

    private static byte[] bigMessage() {
        String head = "From: Tidings <news@example.org>\r\nTo: ana@example.org\r\nSubject: big\r\n\r\n";
        byte[] body = new byte[MESSAGE_BYTES];
        Arrays.fill(body, (byte) 'x');
        for (int i = 76; i < body.length; i += 78) {
            body[i] = '\r';
            body[i + 1] = '\n';
        }
        byte[] mime = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
        System.arraycopy(body, 0, mime, head.length(), body.length);
        return mime;
    }

    /** Answers the envelope and DATA, then reads nothing more until closed. One connection at a time. */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        final CountDownLatch reachedData = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);

        StallingServer() throws IOException {
            socket = new ServerSocket();
            socket.setReceiveBufferSize(4 * 1024); // inherited by accepted sockets; set before bind to take effect
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(this::serve, "stalling-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    converse(client);
                } catch (IOException | InterruptedException e) {
                    // closed by the test, or the client gave up
                }
            }
        }

        private void converse(Socket client) throws IOException, InterruptedException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, "220 stall.test ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-stall.test\r\n250-PIPELINING\r\n250 8BITMIME");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        reachedData.countDown();
                        closed.await(); // and never read again
                        return;
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            socket.close();
        }
    }
}
