package dev.tidings.deliver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailTransportUrlTest {
    @TempDir
    Path data;

    @Test
    void aMaildirUrlOpensAMaildirThere() {
        try (MailTransport t = MailTransport.fromUrl("maildir:" + data.resolve("box"), data)) {
            assertThat(t).isInstanceOf(MaildirTransport.class);
            assertThat(t.describe()).isEqualTo("maildir:" + data.resolve("box").toAbsolutePath());
            assertThat(data.resolve("box/new")).isDirectory();
        }
    }

    @Test
    void aRelativeMaildirIsResolvedAgainstTheCurrentDirectory() {
        try (MailTransport t = MailTransport.fromUrl("maildir:" + Path.of("").toAbsolutePath().relativize(data.resolve("rel")), data)) {
            assertThat(((MaildirTransport) t).root()).isEqualTo(data.resolve("rel").toAbsolutePath());
        }
    }

    @Test
    void anEmptyMaildirOrNoUrlMeansTheMailFolderOfTheDataDirectory() {
        try (MailTransport bare = MailTransport.fromUrl("maildir:", data);
             MailTransport none = MailTransport.fromUrl(null, data)) {
            assertThat(((MaildirTransport) bare).root()).isEqualTo(data.resolve("mail").toAbsolutePath().normalize());
            assertThat(((MaildirTransport) none).root()).isEqualTo(data.resolve("mail").toAbsolutePath().normalize());
        }
    }

    @Test
    void smtpUrlsGiveHostPortCredentialsAndStarttls() {
        SmtpTransport.Settings s = settings("smtp://user%40example.org:p%3Ass@mail.example.org:587?starttls=true");

        assertThat(s).extracting(SmtpTransport.Settings::protocol, SmtpTransport.Settings::host, SmtpTransport.Settings::port,
                SmtpTransport.Settings::user, SmtpTransport.Settings::password, SmtpTransport.Settings::starttls)
                .containsExactly("smtp", "mail.example.org", 587, "user@example.org", "p:ss", true);
        assertThat(s.describe()).isEqualTo("smtp://mail.example.org:587?starttls=true");
        assertThat(s.toString()).doesNotContain("p:ss");
    }

    @Test
    void smtpsDefaultsToPort465OverTls() {
        SmtpTransport.Settings s = settings("smtps://mail.example.org");

        assertThat(s.port()).isEqualTo(465);
        assertThat(s.user()).isNull();
        assertThat(s.protocol()).isEqualTo("smtps");
        assertThat(settings("smtp://mail.example.org").port()).isEqualTo(25);
    }

    @Test
    void anythingElseIsRefusedWithOneClearSentence() {
        for (String url : new String[] {"imap://mail.example.org", "http://x:secret@example.org", "/var/mail",
                "smtp://mail.example.org?tls=yes", "smtps://mail.example.org?starttls=true", "smtp:///nohost"}) {
            assertThatThrownBy(() -> MailTransport.fromUrl(url, data)).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The mail URL")
                    .hasMessageEndingWith(".")
                    .hasMessageNotContaining("secret")
                    .hasMessageNotContaining("\n");
        }
    }

    private static SmtpTransport.Settings settings(String url) {
        return SmtpTransport.Settings.parse(java.net.URI.create(url));
    }
}
