package dev.tidings.digest;

import dev.tidings.model.OutgoingMail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeRendererTest {
    private static final Instant NOW = Instant.parse("2021-08-11T05:00:00Z");
    private final NoticeRenderer renderer = new NoticeRenderer("https://news.example.org", "Tidings <hello@news.example.org>");

    @Test
    void theConfirmationMailAsksToConfirmWithTheLinkAndSaysToIgnoreItOtherwise() throws Exception {
        String url = "https://news.example.org/confirm/abc123";
        OutgoingMail mail = renderer.confirmation("new.reader@example.org", url, NOW);

        assertThat(mail.subject()).isEqualTo("Confirm your Tidings subscription");
        assertThat(mail.to()).isEqualTo("new.reader@example.org");
        assertThat(mail.unsubscribeUrl()).isNull();
        assertThat(mail.messageId()).matches("<confirm\\.[0-9a-f]{16}@news\\.example\\.org>");
        assertThat(mail.text()).contains("\n" + url + "\n", "ignore this email");
        Document html = Jsoup.parse(mail.html());
        assertThat(html.select("a[href=" + url + "]")).isNotEmpty();
        assertThat(html.select("script, img")).isEmpty();
        Golden.assertMatches("confirmation", mail.text());
    }

    @Test
    void theConfirmationMessageIdDependsOnTheAddressAndTheLinkOnly() {
        String url = "https://news.example.org/confirm/abc123";
        OutgoingMail first = renderer.confirmation("a@example.org", url, NOW);

        assertThat(renderer.confirmation("a@example.org", url, NOW.plusSeconds(60)).messageId()).isEqualTo(first.messageId());
        assertThat(renderer.confirmation("b@example.org", url, NOW).messageId()).isNotEqualTo(first.messageId());
        assertThat(renderer.confirmation("a@example.org", url + "x", NOW).messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void theSignInMailCarriesTheMagicLink() {
        String url = "https://news.example.org/me?token=xyz";
        OutgoingMail mail = renderer.signInLink("reader@example.org", url, NOW);

        assertThat(mail.subject()).containsIgnoringCase("sign-in link");
        assertThat(mail.messageId()).matches("<signin\\.[0-9a-f]{16}@news\\.example\\.org>");
        assertThat(mail.text()).contains("\n" + url + "\n");
        assertThat(Jsoup.parse(mail.html()).select("a[href]").eachAttr("href")).contains(url);
    }
}
