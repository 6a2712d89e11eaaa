package dev.tidings.pipeline;

import dev.tidings.ingest.AddressGuard;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import dev.tidings.store.DeliveryStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Adds and removes webhooks: a reader's (their digests and alerts) or the admin's (everyone's). A URL must
 * be http(s) and pass the {@link AddressGuard} (no loopback or private address unless allowed), checked
 * here and again before every post. Each hook gets its own random secret for the HMAC-SHA256 signature;
 * it is returned once, on creation.
 */
public final class WebhookSubscriptions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A reader keeps at most this many hooks. */
    static final int MAX_PER_READER = 5;

    private final DeliveryStore deliveries;
    private final AddressGuard guard;
    private final InstantSource clock;

    public WebhookSubscriptions(DeliveryStore deliveries, AddressGuard guard, InstantSource clock) {
        this.deliveries = deliveries;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Adds a hook for the reader, or for everyone when {@code reader} is null (the admin).
     *
     * @throws RejectedInput (usage) for a URL that is not http(s), names no host, or is refused by the guard
     */
    public Webhook add(Reader reader, String url) throws RejectedInput {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new RejectedInput("'" + url + "' is not a URL: " + e.getReason(), true, e);
        }
        try {
            guard.check(uri);
        } catch (IngestException e) {
            throw new RejectedInput(e.getMessage(), true, e);
        }
        if (reader != null && deliveries.webhooks().stream().filter(h -> reader.id().equals(h.readerId())).count()
                >= MAX_PER_READER) {
            throw new RejectedInput("a reader can have at most " + MAX_PER_READER + " webhooks", true);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Webhook hook = new Webhook(UUID.randomUUID().toString(), reader == null ? null : reader.id(), uri.toString(),
                HexFormat.of().formatHex(secret), clock.instant());
        deliveries.addWebhook(hook);
        return hook;
    }

    /** Removes a hook if it belongs to the reader (or, with a null reader, any hook); false otherwise. */
    public boolean remove(Reader reader, String id) {
        boolean owned = deliveries.webhook(id)
                .filter(h -> reader == null || reader.id().equals(h.readerId()))
                .isPresent();
        return owned && deliveries.removeWebhook(id);
    }

    /** The reader's own hooks, or with a null reader the admin's. */
    public List<Webhook> of(Reader reader) {
        return deliveries.webhooks().stream()
                .filter(h -> reader == null ? h.readerId() == null : reader.id().equals(h.readerId()))
                .toList();
    }
}
