package dev.tidings.deliver;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tidings.model.OutgoingMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SMTP over TLS: smtps:// against GreenMail's SMTPS server, STARTTLS (with AUTH after it) against a small
 * server that offers it, and a STARTTLS the server does not offer refused rather than sent in clear. The
 * certificate is a test one for localhost that the client trusts; host name checking stays on.
 */
class SmtpTlsIT {
    static TestCertificate certificate;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = TestCertificate.get();
        // GreenMail's TLS server reads its key store from these, once per JVM
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, certificate.keystore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TestCertificate.PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, TestCertificate.PASSWORD);
    }

    static OutgoingMail mail(String id) {
        return new OutgoingMail("<" + id + "@news.example.org>", "Tidings <news@example.org>", "reader@example.org",
                "Your digest", "Hello in plain text", "<p>Hello in HTML</p>", "https://news.example.org/u/t",
                "mailto:news@example.org?subject=unsubscribe%20t", Instant.parse("2021-08-11T07:00:00Z"));
    }

    SmtpTransport transport(String url) throws Exception {
        SSLSocketFactory trusting = certificate.client.getSocketFactory();
        return new SmtpTransport(SmtpTransport.Settings.parse(new URI(url)), trusting);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void smtpsDeliversToGreenMailsTlsServerWithAuthentication() throws Exception {
        int port = freePort();
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        try (SmtpTransport smtps = transport("smtps://tidings:s3cret@localhost:" + port)) {
            greenMail.setUser("news@example.org", "tidings", "s3cret");
            smtps.send(mail("tls.1"));
            smtps.send(mail("tls.2"));

            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).extracting(MimeMessage::getMessageID)
                    .containsExactly("<tls.1@news.example.org>", "<tls.2@news.example.org>");
            assertThat(received[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void smtpsRefusesAServerWhoseCertificateIsNotTrusted() throws Exception {
        int port = freePort();
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        try (MailTransport defaultTrust = MailTransport.fromUrl("smtps://localhost:" + port, java.nio.file.Path.of("."))) {
            assertThatThrownBy(() -> defaultTrust.send(mail("untrusted.1")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse());
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void starttlsUpgradesBeforeAuthenticatingAndSending() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(certificate.server, true);
             SmtpTransport smtp = transport("smtp://tidings:s3cret@localhost:" + server.port() + "?starttls=true")) {
            smtp.send(mail("starttls.1"));

            assertThat(server.messages).singleElement().satisfies(m -> assertThat(m).contains("<starttls.1@news.example.org>"));
            assertThat(server.commands).filteredOn(c -> c.line().toUpperCase().startsWith("STARTTLS")).hasSize(1);
            assertThat(server.commands).filteredOn(c -> c.line().toUpperCase().matches("(AUTH|MAIL|RCPT|DATA).*"))
                    .isNotEmpty().allSatisfy(c -> assertThat(c.overTls()).as(c.line()).isTrue());
        }
    }

    @Test
    void aServerThatDoesNotOfferStarttlsGetsNothingInClear() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(certificate.server, false);
             SmtpTransport smtp = transport("smtp://localhost:" + server.port() + "?starttls=true")) {
            assertThatThrownBy(() -> smtp.send(mail("clear.1"))).isInstanceOf(DeliveryException.class);

            assertThat(server.messages).isEmpty();
            assertThat(server.commands).noneMatch(c -> c.line().toUpperCase().startsWith("MAIL"));
        }
    }
}
