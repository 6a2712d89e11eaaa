package dev.tidings.deliver;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Posts a digest or an alert as JSON to a webhook, signed so the receiver can tell it came from us:
 * {@value #SIGNATURE_HEADER}{@code : sha256=<hex HMAC-SHA256 of the body under the hook's secret>}. The
 * delivery id header carries the message's stable id, so a receiver can drop a repeat (delivery is
 * at-least-once, like mail).
 *
 * <p>A 2xx answer is delivered; 408, 429 and 5xx answers and connection failures are transient; any
 * other answer is permanent. Redirects are not followed (a redirect could lead to a private address).
 * The caller checks the URL against the address rules before calling. Thread-safe.
 */
public final class WebhookPoster {
    public static final String SIGNATURE_HEADER = "X-Tidings-Signature";
    public static final String DELIVERY_HEADER = "X-Tidings-Delivery";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Posts {@code body}; returns normally once the receiver answered 2xx. */
    public void post(URI url, String secret, String deliveryId, byte[] body) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Tidings webhook")
                .header(SIGNATURE_HEADER, signature(secret, body))
                .header(DELIVERY_HEADER, deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException("could not post to the webhook " + url + ": " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while posting to the webhook " + url, false, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) return;
        boolean transient_ = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException("the webhook " + url + " answered " + status, !transient_, null);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret: the signature header's value. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
