package dev.tidings.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tidings.deliver.RetryPolicy;
import dev.tidings.deliver.WebhookPoster;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed webhooks against an in-process HTTP receiver: signature, retries through the outbox, refusals. */
class WebhookDeliveryTest {
    @TempDir
    Path dir;
    Harness h;
    Reader ann;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();

    record Received(byte[] body, String signature, String delivery) {}

    @BeforeEach
    void open() throws Exception {
        h = new Harness(dir, Instant.parse("2021-08-11T10:00:00Z"));
        ann = h.reader("ann", "UTC");
        h.follow(ann, "place/belarus", "Belarus", true);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer status = answers.poll();
            int code = status == null ? 204 : status;
            if (code / 100 == 2) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Tidings-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Tidings-Delivery")));
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        receiver.stop(0);
        h.close();
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void anAlertIsPostedAsJsonSignedWithTheHooksSecret() throws Exception {
        Webhook hook = h.webhooks.add(ann, url());
        h.alerts.alert(List.of(h.article("a1").story("s1").store()));

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.signature()).isEqualTo(hmac(hook.secret(), r.body()));
            assertThat(r.delivery()).isEqualTo("<webhook." + hook.id() + ".alert.ann.s1@news.example.org>");
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertThat(json.get("type").asText()).isEqualTo("alert");
            assertThat(json.get("reader").asText()).isEqualTo("ann@example.org");
            assertThat(json.at("/story/title").asText()).isEqualTo("Title of a1");
            assertThat(json.at("/story/url").asText()).isEqualTo("https://news.example.org/articles/a1");
        });
        assertThat(h.mail()).as("the mail goes out too").hasSize(1);
    }

    @Test
    void aDigestReachesTheAdminsHookWithAStableDeliveryId() throws Exception {
        Webhook admin = h.webhooks.add(null, url());
        h.follow(ann, "place/belarus", "Belarus", false);
        h.article("a1").store();
        var result = h.digests.run(ann, h.clock.instant().plus(Duration.ofHours(1)), false);

        assertThat(result.status()).isEqualTo(DigestDispatcher.Status.SENT);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.signature()).isEqualTo(hmac(admin.secret(), r.body()));
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertThat(json.get("type").asText()).isEqualTo("digest");
            assertThat(json.at("/sections/0/heading").asText()).isEqualTo("Belarus");
            assertThat(json.at("/sections/0/stories/0/title").asText()).isEqualTo("Title of a1");
        });
    }

    @Test
    void aReceiverThatFailsIsAskedAgainAfterTheBackOffAndGetsItOnce() throws Exception {
        h.webhooks.add(ann, url());
        answers.add(503);
        h.alerts.alert(List.of(h.article("a1").store()));
        assertThat(received).isEmpty();

        h.outbox.flush();
        assertThat(received).as("not due yet").isEmpty();
        h.clock.advance(RetryPolicy.DEFAULT.first());
        h.outbox.flush();
        h.outbox.flush();
        assertThat(received).hasSize(1);
    }

    @Test
    void aReceiverThatRefusesForGoodIsNotAskedAgain() throws Exception {
        h.webhooks.add(ann, url());
        answers.add(410);
        h.alerts.alert(List.of(h.article("a1").store()));
        h.clock.advance(Duration.ofDays(1));
        h.outbox.flush();

        assertThat(received).isEmpty();
        assertThat(h.deliveries.recentOutbox(10)).filteredOn(i -> i.kind().equals("webhook")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("expired"));
        assertThat(h.deliveries.isSuppressed(ann.email())).as("the mail address is not to blame").isFalse();
    }

    @Test
    void aHookOnAPrivateAddressIsRefusedUnlessAllowed() {
        var strict = new WebhookSubscriptions(h.deliveries, new AddressGuard(false), h.clock);
        assertThatThrownBy(() -> strict.add(ann, url())).isInstanceOf(RejectedInput.class)
                .hasMessageContaining("private address");
        assertThatThrownBy(() -> strict.add(ann, "ftp://hooks.example.org/x")).isInstanceOf(RejectedInput.class);
        assertThat(h.deliveries.webhooks()).isEmpty();
    }

    @Test
    void aHookAddedWhileAllowedIsStillCheckedWhenPostedTo() throws Exception {
        h.webhooks.add(ann, url());
        var strictSender = new OutboxSender(h.deliveries, h.maildir, new WebhookPoster(), new AddressGuard(false),
                h.failures, RetryPolicy.DEFAULT, h.clock);
        h.follow(ann, "place/belarus", "Belarus", true);
        // queue without flushing through the harness's lenient sender
        h.deliveries.enqueue("<webhook.x@news.example.org>", ann.id(), h.deliveries.webhooks().get(0).id(),
                OutboxSender.WEBHOOK, "{}".getBytes(StandardCharsets.UTF_8));
        strictSender.flush();
        assertThat(received).isEmpty();
    }
}
