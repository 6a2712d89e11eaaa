package dev.tidings.pipeline;

import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MailTransport;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;

/**
 * Hands what waits in the outbox to the mail transport. Every message is in the database before
 * this runs, so a crash between storing and sending only delays it: the next flush sends it with
 * the same Message-ID.
 */
public final class OutboxSender {
    /** A message that failed this often is left for the operator. */
    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final DeliveryStore deliveries;
    private final MailTransport transport;
    private final FailureLog failures;
    private final InstantSource clock;

    public OutboxSender(DeliveryStore deliveries, MailTransport transport, FailureLog failures, InstantSource clock) {
        this.deliveries = deliveries;
        this.transport = transport;
        this.failures = failures;
        this.clock = clock;
    }

    /** Sends every pending message; returns how many went out. Synchronized: one flush at a time per process. */
    public synchronized int flush() {
        int sent = 0;
        for (DeliveryStore.OutboxItem item : deliveries.pending(100)) {
            if (item.attempts() >= MAX_ATTEMPTS) continue;
            try {
                transport.sendMime(item.messageId(), item.recipient(), item.mime());
                deliveries.markSent(item.messageId(), clock.instant());
                sent++;
            } catch (DeliveryException e) {
                String kind = e.isPermanent() ? "bounce" : "delivery";
                LOG.warn("could not send {} to {}: {}", item.messageId(), item.recipient(), e.getMessage());
                deliveries.markFailed(item.messageId(), e.getMessage());
                failures.record(item.messageId(), kind, e.getMessage());
            }
        }
        return sent;
    }
}
