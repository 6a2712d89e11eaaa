package dev.tidings.pipeline;

import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MailTransport;
import dev.tidings.deliver.RetryPolicy;
import dev.tidings.deliver.WebhookPoster;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Webhook;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Hands what is due in the outbox to its transport: mail to the mail transport, {@value #WEBHOOK} rows to
 * their webhook. Every message is in the database before this runs, so a crash between storing and
 * sending only delays it: a later flush sends it with the same Message-ID (at-least-once; a Maildir
 * recognises the id and keeps one copy).
 *
 * <p>Outcomes follow the {@link RetryPolicy}: a transient failure (4xx, connection) is tried again after a
 * doubling wait until the attempts run out; a permanent one (5xx) is a bounce that is not retried, and
 * enough bounces suppress the address. A message for an address suppressed after it was queued is
 * dropped, never sent.
 */
public final class OutboxSender {
    /** The outbox kind of a webhook delivery; its recipient is the webhook's id. */
    public static final String WEBHOOK = "webhook";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 100;

    private final DeliveryStore deliveries;
    private final MailTransport transport;
    private final WebhookPoster webhooks;
    private final AddressGuard guard;
    private final FailureLog failures;
    private final RetryPolicy policy;
    private final InstantSource clock;

    public OutboxSender(DeliveryStore deliveries, MailTransport transport, FailureLog failures, InstantSource clock) {
        this(deliveries, transport, new WebhookPoster(), new AddressGuard(false), failures, RetryPolicy.DEFAULT, clock);
    }

    /**
     * @param guard the address rule webhook URLs must pass when they are posted to (not only when they were
     *              added: a name can come to resolve elsewhere)
     */
    public OutboxSender(DeliveryStore deliveries, MailTransport transport, WebhookPoster webhooks, AddressGuard guard,
                        FailureLog failures, RetryPolicy policy, InstantSource clock) {
        this.deliveries = deliveries;
        this.transport = transport;
        this.webhooks = webhooks;
        this.guard = guard;
        this.failures = failures;
        this.policy = policy;
        this.clock = clock;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Sends every message that is due; returns how many went out. Synchronized: one flush at a time per process. */
    public synchronized int flush() {
        int sent = 0;
        while (true) {
            Instant now = clock.instant();
            List<DeliveryStore.OutboxItem> due = deliveries.due(now, BATCH);
            // Another process flushing the same database may have taken some since we read them.
            List<DeliveryStore.OutboxItem> taken = deliveries.lease(due, now.plus(policy.lease()));
            for (DeliveryStore.OutboxItem item : taken) {
                if (send(item)) sent++;
            }
            if (due.size() < BATCH || taken.isEmpty()) return sent;
        }
    }

    private boolean send(DeliveryStore.OutboxItem item) {
        if (!item.kind().equals(WEBHOOK) && deliveries.isSuppressed(item.recipient())) {
            // suppressed after it was queued (the store drops those too; this covers a race with a bounce)
            deliveries.markSuppressed(item.messageId());
            return false;
        }
        try {
            if (item.kind().equals(WEBHOOK)) {
                post(item);
            } else {
                transport.sendMime(item.messageId(), item.recipient(), item.mime());
            }
            deliveries.markSent(item.messageId(), clock.instant());
            return true;
        } catch (DeliveryException e) {
            failed(item, e);
            return false;
        }
    }

    private void post(DeliveryStore.OutboxItem item) throws DeliveryException {
        Optional<Webhook> hook = deliveries.webhook(item.recipient());
        if (hook.isEmpty()) throw new DeliveryException("the webhook " + item.recipient() + " was removed", true, null);
        URI url = URI.create(hook.get().url());
        try {
            guard.check(url);
        } catch (IngestException e) {
            throw new DeliveryException(e.getMessage(), true, e);
        }
        webhooks.post(url, hook.get().secret(), item.messageId(), item.mime());
    }

    private void failed(DeliveryStore.OutboxItem item, DeliveryException e) {
        LOG.warn("could not send {} to {}: {}", item.messageId(), item.recipient(), e.getMessage());
        int failuresSoFar = item.attempts() + 1;
        if (e.isPermanent()) {
            failures.record(item.messageId(), "bounce", e.getMessage());
            if (item.kind().equals(WEBHOOK)) {
                deliveries.giveUp(item.messageId(), e.getMessage());
            } else if (deliveries.recordBounce(item.messageId(), item.recipient(), e.getMessage(),
                    policy.bouncesToSuppress())) {
                LOG.warn("{} is suppressed after {} hard bounces", item.recipient(), policy.bouncesToSuppress());
                failures.record(item.recipient(), "suppressed", "suppressed after " + policy.bouncesToSuppress()
                        + " hard bounces");
            }
        } else if (failuresSoFar >= policy.maxAttempts()) {
            failures.record(item.messageId(), "expired", e.getMessage());
            deliveries.giveUp(item.messageId(), e.getMessage());
        } else {
            failures.record(item.messageId(), "delivery", e.getMessage());
            deliveries.retryLater(item.messageId(), e.getMessage(), clock.instant().plus(policy.delayAfter(failuresSoFar)));
        }
    }
}
