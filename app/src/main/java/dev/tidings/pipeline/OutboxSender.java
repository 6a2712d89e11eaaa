package dev.tidings.pipeline;

import dev.tidings.deliver.ComposedMail;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    /** How often a flush looks for leases of senders that are no longer running. */
    static final java.time.Duration ORPHAN_CHECK = java.time.Duration.ofSeconds(30);

    private final DeliveryStore deliveries;
    private final MailTransport transport;
    private final WebhookPoster webhooks;
    private final AddressGuard guard;
    private final FailureLog failures;
    private final RetryPolicy policy;
    private final InstantSource clock;
    private Instant lastOrphanCheck; // guarded by this

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
        breakOrphanedLeases();
        while (true) {
            Instant now = clock.instant();
            List<DeliveryStore.OutboxItem> due = deliveries.due(now, BATCH);
            // Another process flushing the same database may have taken some since we read them.
            List<DeliveryStore.OutboxItem> taken = deliveries.lease(due, now.plus(policy.lease()), LeaseOwner.SELF);
            sent += send(taken);
            if (due.size() < BATCH || taken.isEmpty()) return sent;
        }
    }

    /**
     * Sends messages this process queued already leased to itself ({@link AlertDispatcher#queueForSender}), without
     * reading them back or leasing them again; returns how many went out. What fails is retried as in a flush.
     */
    public synchronized int sendLeased(List<DeliveryStore.OutboxItem> leased) {
        return leased.isEmpty() ? 0 : send(leased);
    }

    /**
     * Takes back at once the messages leased by a sender on this host that is no longer running (killed
     * mid-send), rather than leaving them until their lease runs out; looked at on the first flush and then
     * at most every {@link #ORPHAN_CHECK}. A lease of another host's process is left to run out, as its
     * liveness cannot be seen from here.
     */
    private void breakOrphanedLeases() {
        Instant now = clock.instant();
        if (lastOrphanCheck != null && now.isBefore(lastOrphanCheck.plus(ORPHAN_CHECK))) return;
        lastOrphanCheck = now;
        for (String owner : deliveries.leaseOwners(now)) {
            if (LeaseOwner.isGone(owner)) {
                int back = deliveries.breakLeases(owner, now);
                if (back > 0) LOG.info("took back {} messages that a stopped sender ({}) had leased", back, owner);
            }
        }
    }

    /**
     * The name a process leases outbox rows under, {@code pid@host@startMillis}, and whether the process a
     * name stands for has gone. The start time tells a reused pid from the process that leased.
     */
    static final class LeaseOwner {
        static final String HOST = host();
        static final String SELF = of(ProcessHandle.current());

        private LeaseOwner() {
        }

        static String of(ProcessHandle process) {
            return process.pid() + "@" + HOST + "@" + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }

        /** True only when the owner is a process of this host that is not running; false when unsure. */
        static boolean isGone(String owner) {
            String[] parts = owner.split("@");
            if (parts.length != 3 || !parts[1].equals(HOST) || owner.equals(SELF)) return false;
            try {
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
                return process.isEmpty() || !process.get().isAlive() || !of(process.get()).equals(owner);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static String host() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }

    /**
     * Sends leased items: the mail in one {@link MailTransport#sendAll} (which SMTP pipelines), each webhook on
     * its own; what went out is marked sent in one transaction afterwards. A crash before that mark sends those
     * messages again after the lease runs out, with the same Message-IDs: at-least-once, as documented.
     */
    private int send(List<DeliveryStore.OutboxItem> taken) {
        List<DeliveryStore.OutboxItem> mail = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (DeliveryStore.OutboxItem item : taken) {
            if (!item.kind().equals(WEBHOOK)) {
                mail.add(item);
                continue;
            }
            try {
                post(item);
                sent.add(item.messageId());
            } catch (DeliveryException e) {
                failed(item, e);
            }
        }
        // Rounds with one message per address, so that a bounce is recorded (and may suppress the address) before
        // the next message for it goes out; mostly there is one round, as a batch is for different readers.
        List<DeliveryStore.OutboxItem> rest = mail;
        while (!rest.isEmpty()) {
            // suppressed after it was queued (the store drops those too; this covers a race with a bounce)
            Set<String> suppressed = deliveries.suppressedAmong(rest.stream().map(DeliveryStore.OutboxItem::recipient).toList());
            List<DeliveryStore.OutboxItem> round = new ArrayList<>();
            List<DeliveryStore.OutboxItem> later = new ArrayList<>();
            Set<String> addresses = new HashSet<>();
            for (DeliveryStore.OutboxItem item : rest) {
                if (suppressed.contains(item.recipient())) deliveries.markSuppressed(item.messageId());
                else if (addresses.add(item.recipient())) round.add(item);
                else later.add(item);
            }
            if (round.isEmpty()) break;
            List<Optional<DeliveryException>> outcomes = transport.sendAll(round.stream()
                    .map(i -> new ComposedMail(i.messageId(), i.recipient(), i.mime())).toList());
            for (int i = 0; i < round.size(); i++) {
                DeliveryStore.OutboxItem item = round.get(i);
                outcomes.get(i).ifPresentOrElse(e -> failed(item, e), () -> sent.add(item.messageId()));
            }
            rest = later;
        }
        deliveries.markSent(sent, clock.instant());
        return sent.size();
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
