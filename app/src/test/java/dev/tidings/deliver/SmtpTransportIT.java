package dev.tidings.deliver;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport contract against GreenMail, a real SMTP server in-process, plus what only SMTP has. */
class SmtpTransportIT extends MailTransportContract {
    private GreenMail greenMail;
    private SmtpTransport transport;
    private int port;

    @BeforeEach
    void start() throws IOException {
        port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("sender@news.example.org", "tidings", "s3cret:pass");
        transport = (SmtpTransport) MailTransport.fromUrl("smtp://127.0.0.1:" + port, Path.of("."));
    }

    @AfterEach
    void stop() {
        transport.close();
        greenMail.stop();
    }

    @Override
    protected MailTransport transport() {
        return transport;
    }

    @Override
    protected List<byte[]> delivered() throws Exception {
        List<byte[]> all = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            all.add(out.toByteArray());
        }
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theInjectedBccAddressReceivesNothing() throws Exception {
        transport.send(mail("<inject.2@news.example.org>", "reader@example.org", "Hi\r\nBcc: x@evil.test"));

        assertThat(greenMail.getReceivedMessagesForDomain("evil.test")).isEmpty();
        assertThat(greenMail.getReceivedMessagesForDomain("example.org")).hasSize(1);
    }

    @Test
    void itAuthenticatesWithTheUserAndPasswordOfTheUrl() throws Exception {
        try (MailTransport authenticated = MailTransport.fromUrl(
                "smtp://tidings:s3cret%3Apass@127.0.0.1:" + port, Path.of("."))) {
            authenticated.send(mail("<auth.1@news.example.org>"));
            assertThat(authenticated.describe()).isEqualTo("smtp://127.0.0.1:" + port).doesNotContain("s3cret");
        }

        assertThat(delivered()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsATransientFailureThatSaysSo() {
        try (MailTransport wrong = MailTransport.fromUrl("smtp://tidings:nope@127.0.0.1:" + port, Path.of("."))) {
            assertThatThrownBy(() -> wrong.send(mail("<auth.2@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isFalse();
                        assertThat(e.getMessage()).contains("credentials").doesNotContain("nope");
                    });
        }
    }

    @Test
    void severalMessagesShareOneConnection() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            for (int i = 0; i < 5; i++) smtp.send(mail("<share." + i + "@news.example.org>"));

            assertThat(server.accepted.get()).isEqualTo(5);
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReopened() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", true);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            for (int i = 0; i < 3; i++) smtp.send(mail("<drop." + i + "@news.example.org>"));

            assertThat(server.accepted.get()).isEqualTo(3);
            assertThat(server.connections.get()).isEqualTo(3);
        }
    }

    @Test
    void oneConnectionSendsDozensOfMessagesASecond() throws Exception {
        // Guards against a reconnect or a NOOP probe per message, and stays above the ~22 messages/s that Nagle's
        // algorithm against a delayed ACK allows. (On loopback to this fake server Nagle does not bite, so
        // TCP_NODELAY itself is checked in MailTransportUrlTest.) Measured ~100-170/s on a busy 2-core box.
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            smtp.send(mail("<warm.up@news.example.org>"));
            int count = 200;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) smtp.send(mail("<speed." + i + "@news.example.org>"));
            double perSecond = count / ((System.nanoTime() - start) / 1e9);

            System.out.printf("SMTP over one connection: %.0f messages/s%n", perSecond);
            assertThat(perSecond).isGreaterThan(30);
        }
    }

    @Test
    void a4xxReplyIsATransientFailure() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("451 4.7.1 Greylisted, try again later", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<grey.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isFalse();
                        assertThat(e.getMessage()).contains("451");
                    });
            assertThat(server.accepted.get()).isZero();
        }
    }

    @Test
    void a5xxReplyIsAPermanentFailure() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("550 5.1.1 No such user here", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<gone.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.getMessage()).contains("550");
                    });
            assertThat(server.accepted.get()).isZero();
        }
    }

    @Test
    void aServerThatIsNotThereIsATransientFailure() throws Exception {
        int closed = freePort();
        try (MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + closed, Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<nobody.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse());
        }
    }
}
