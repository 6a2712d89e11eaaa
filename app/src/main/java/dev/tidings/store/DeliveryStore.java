package dev.tidings.store;

import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.Webhook;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Digest runs, what was sent to whom (a list of article ids per message), the outbox and what governs it: bounces, suppressed addresses, readers'
 * delivery preferences, what each reader was alerted of, alerts held back, and webhooks.
 *
 * <p>A digest is claimed, its articles marked sent and its message queued in one transaction, so a digest
 * is neither sent twice nor lost when the process stops. A sender takes what is {@linkplain #due due},
 * {@linkplain #lease leases} each message by moving its next attempt forward (so a second sender skips it
 * and a sender that died leaves it for the next one after the lease), then reports back:
 * {@link #markSent}, {@link #retryLater}, {@link #giveUp} or {@link #recordBounce}. Nothing is queued for a
 * suppressed address. Thread-safe, and safe with several processes on one database.
 */
public final class DeliveryStore {
    /** A message waiting in, or delivered from, the outbox. */
    public record OutboxItem(String messageId, String readerId, String recipient, String kind, byte[] mime,
                             int attempts, String lastError, Instant createdAt, Instant sentAt, String status,
                             Instant nextAttemptAt) {}

    /** A further delivery queued with a message in the same transaction: a webhook's copy of it. */
    public record Companion(String messageId, String recipient, String kind, byte[] body) {}

    /** An address nothing is sent to any more, and why. */
    public record Suppression(String address, String reason, Instant createdAt) {}

    /** An alert held back by quiet hours or the hourly cap. */
    public record HeldAlert(String readerId, String articleId, String reason, Instant heldAt) {}

    /** What a reader was alerted of for one story: concept ids and quote keys, and how many updates followed. */
    public record AlertedStory(String readerId, String story, Set<String> seen, int updates, Instant lastAt) {}

    /** One digest run, for the admin. {@code outcome} is {@code queued}, {@code sent} or {@code retrying}. */
    public record DigestRun(String readerId, Instant periodStart, Instant periodEnd, String messageId, int items,
                            String outcome, Instant createdAt) {}

    /**
     * Outbox rows with their message, which is kept apart (V13) and may be packed (V15): filter and order on the
     * row's own columns.
     */
    private static final String OUTBOX_ROWS = "SELECT o.*, (SELECT b.mime FROM outbox_bodies b"
            + " WHERE b.message_id = o.message_id) AS mime, (SELECT b.encoding FROM outbox_bodies b"
            + " WHERE b.message_id = o.message_id) AS mime_encoding FROM outbox o ";

    private static final RowMapper<OutboxItem> OUTBOX = (rs, ctx) -> new OutboxItem(rs.getString("message_id"),
            rs.getString("reader_id"), rs.getString("recipient"), rs.getString("kind"),
            PackedMessage.unpack(rs.getBytes("mime"), rs.getString("mime_encoding")),
            rs.getInt("attempts"), rs.getString("last_error"), Instant.ofEpochMilli(rs.getLong("created_at")),
            instantOrNull(rs, "sent_at"), rs.getString("status"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")));

    private static final RowMapper<DigestRun> RUN = (rs, ctx) -> new DigestRun(rs.getString("reader_id"),
            Instant.ofEpochMilli(rs.getLong("period_start")), Instant.ofEpochMilli(rs.getLong("period_end")),
            rs.getString("message_id"), rs.getInt("items"), rs.getString("outcome"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Database db;
    private final InstantSource clock;

    public DeliveryStore(Database db) {
        this(db, InstantSource.system());
    }

    public DeliveryStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Atomically records a digest (reader, periodEnd), marks its articles as sent to the reader and
     * puts the message in the outbox. False, and nothing written, when that digest exists already,
     * also when another thread or process claims it at the same moment.
     */
    public boolean claimDigest(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                               List<String> articleIds, Instant newestIngest, String recipient, byte[] mime) {
        return claimDigest(readerId, periodStart, periodEnd, messageId, articleIds, newestIngest, recipient, mime,
                List.of());
    }

    /**
     * Like {@link #claimDigest(String, Instant, Instant, String, List, Instant, String, byte[])}, queueing the
     * companions too.
     */
    public boolean claimDigest(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                               List<String> articleIds, Instant newestIngest, String recipient, byte[] mime,
                               List<Companion> companions) {
        return claimDigests(List.of(new DigestClaim(readerId, periodStart, periodEnd, messageId, articleIds,
                newestIngest, recipient, mime, companions))).get(0);
    }

    /**
     * One digest to claim: see {@link #claimDigests}. {@code newestIngest} is the latest
     * {@link dev.tidings.model.Article#ingestedAt ingestedAt} among the articles (see {@link #sentAmong}); it
     * may be null only when there are none. Made from the message's bytes, it packs them for storing there and
     * then, so that a round packs its digests on the threads that build them, not on the one that claims them.
     */
    public record DigestClaim(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                              List<String> articleIds, Instant newestIngest, String recipient, PackedMessage message,
                              List<Companion> companions) {
        public DigestClaim {
            articleIds = List.copyOf(articleIds);
            companions = List.copyOf(companions);
            if (!articleIds.isEmpty()) java.util.Objects.requireNonNull(newestIngest, "newestIngest");
        }

        public DigestClaim(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                           List<String> articleIds, Instant newestIngest, String recipient, byte[] mime,
                           List<Companion> companions) {
            this(readerId, periodStart, periodEnd, messageId, articleIds, newestIngest, recipient,
                    PackedMessage.of(mime), companions);
        }

        /** The message as it is sent. */
        public byte[] mime() {
            return message.mime();
        }
    }

    /**
     * Claims several digests in one transaction, each as {@link #claimDigest} does (recorded, its articles
     * marked sent, its message and companions queued, or nothing written for it when it exists already or its
     * address is suppressed); returns whether each was claimed, in order. One commit for a run's batch rather
     * than one per reader; all or none of the batch is written if the transaction fails.
     */
    public List<Boolean> claimDigests(List<DigestClaim> claims) {
        return claimDigests(claims, null, null).claimed();
    }

    /**
     * What {@link #claimDigests(List, Instant, String)} did: whether each digest was claimed, in order, and the
     * outbox rows it queued already leased, for the caller to send itself.
     */
    public record ClaimedDigests(List<Boolean> claimed, List<OutboxItem> leased) {}

    /**
     * As {@link #claimDigests(List)}; with {@code leaseUntil} set, the messages and companions are queued leased
     * to {@code leaseOwner} and returned, so this process's sender can send them without reading each 50 KB
     * message back and leasing it in a transaction of its own (each a rewrite of the row). Should it die first,
     * the lease runs out (or is broken as orphaned) and any sender takes them, as with {@link #lease}.
     */
    public ClaimedDigests claimDigests(List<DigestClaim> claims, Instant leaseUntil, String leaseOwner) {
        long now = clock.millis();
        long next = leaseUntil == null ? now : leaseUntil.toEpochMilli();
        String owner = leaseUntil == null ? null : leaseOwner;
        return db.jdbi().inTransaction(h -> {
            List<Boolean> claimed = new java.util.ArrayList<>(claims.size());
            List<OutboxItem> leased = new java.util.ArrayList<>();
            // one look-up for the batch, inside its transaction, rather than one per claim
            Set<String> suppressed = suppressedAmong(h, claims.stream().map(DigestClaim::recipient).toList());
            for (DigestClaim c : claims) {
                List<OutboxItem> queued = new java.util.ArrayList<>(1 + c.companions().size());
                claimed.add(!suppressed.contains(c.recipient()) && claim(h, c, now, next, owner, queued));
                if (leaseUntil != null) leased.addAll(queued);
            }
            return new ClaimedDigests(claimed, leased);
        });
    }

    /** Claims one digest whose address the caller found not suppressed in this transaction. */
    private static boolean claim(Handle h, DigestClaim c, long now, long nextAttempt, String owner,
                                 List<OutboxItem> queued) {
        // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) makes a concurrent claim wait for the
        // first one and then insert nothing, instead of failing the transaction.
        int claimed = h.createUpdate("INSERT INTO digests (reader_id, period_start, period_end, message_id,"
                        + " items, outcome, created_at) VALUES (:reader, :start, :end, :message, :items, 'queued', :now)"
                        + " ON CONFLICT DO NOTHING")
                .bind("reader", c.readerId()).bind("start", c.periodStart().toEpochMilli())
                .bind("end", c.periodEnd().toEpochMilli()).bind("message", c.messageId())
                .bind("items", c.articleIds().size()).bind("now", now)
                .execute();
        if (claimed == 0) return false;
        recordSentList(h, c.readerId(), c.messageId(), c.articleIds(), c.newestIngest(), now);
        // the address was checked just above, in this transaction
        if (insertRow(h, c.messageId(), c.readerId(), c.recipient(), "digest", c.message(), now, nextAttempt, owner) > 0) {
            queued.add(leasedItem(c.messageId(), c.readerId(), c.recipient(), "digest", c.mime(), now, nextAttempt));
        }
        for (Companion comp : c.companions()) {
            if (insertOutbox(h, comp.messageId(), c.readerId(), comp.recipient(), comp.kind(), comp.body(), now,
                    nextAttempt, owner) > 0) {
                queued.add(leasedItem(comp.messageId(), c.readerId(), comp.recipient(), comp.kind(), comp.body(), now,
                        nextAttempt));
            }
        }
        return true;
    }

    /**
     * Records a message that is not a digest (confirmation, alert) in the outbox; false if the id exists or
     * the recipient is suppressed.
     */
    public boolean enqueue(String messageId, String readerId, String recipient, String kind, byte[] mime) {
        return enqueue(messageId, readerId, recipient, kind, mime, List.of(), null);
    }

    /**
     * Like {@link #enqueue(String, String, String, String, byte[])}, and marks the articles as sent to the
     * reader in the same transaction (an instant alert), so the digest does not repeat them.
     * {@code newestIngest} is the latest {@code ingestedAt} among the articles (see {@link #sentAmong}).
     */
    public boolean enqueue(String messageId, String readerId, String recipient, String kind, byte[] mime,
                           Collection<String> articleIds, Instant newestIngest) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            if (insertOutbox(h, messageId, readerId, recipient, kind, mime, now) == 0) return false;
            if (readerId != null) recordSentList(h, readerId, messageId, articleIds, newestIngest, now);
            return true;
        });
    }

    private static int insertOutbox(Handle h, String messageId, String readerId, String recipient, String kind,
                                    byte[] mime, long now) {
        return insertOutbox(h, messageId, readerId, recipient, kind, mime, now, now, null);
    }

    /** Inserts an outbox row due at {@code nextAttempt}, leased to {@code owner} when that is not null. */
    private static int insertOutbox(Handle h, String messageId, String readerId, String recipient, String kind,
                                    byte[] mime, long now, long nextAttempt, String owner) {
        if (suppressed(h, recipient)) return 0;
        return insertRow(h, messageId, readerId, recipient, kind, PackedMessage.of(mime), now, nextAttempt, owner);
    }

    /** As {@link #insertOutbox}, for a recipient the caller has found not suppressed in this transaction. */
    private static int insertRow(Handle h, String messageId, String readerId, String recipient, String kind,
                                 PackedMessage message, long now, long nextAttempt, String owner) {
        int inserted = h.createUpdate("INSERT INTO outbox (message_id, reader_id, recipient, kind, attempts,"
                        + " created_at, status, next_attempt_at, leased_by)"
                        + " VALUES (:message, :reader, :recipient, :kind, 0, :now, 'pending', :next, :owner)"
                        + " ON CONFLICT DO NOTHING")
                .bind("message", messageId).bind("reader", readerId).bind("recipient", recipient)
                .bind("kind", kind).bind("now", now).bind("next", nextAttempt)
                .bind("owner", owner)
                .execute();
        // apart from the row, so that marking it leased or sent does not rewrite the message
        if (inserted > 0) {
            h.createUpdate("INSERT INTO outbox_bodies (message_id, mime, encoding) VALUES (:message, :mime, :encoding)")
                    .bind("message", messageId).bind("mime", message.stored()).bind("encoding", message.encoding())
                    .execute();
        }
        return inserted;
    }

    /**
     * Marks the articles as sent to the reader: one {@code sent_lists} row for the message, in one statement
     * whatever the number of articles (a row per article made the claim of a round's 15M of them its
     * bottleneck).
     */
    private static void recordSentList(Handle h, String readerId, String messageId, Collection<String> articleIds,
                                       Instant newestIngest, long now) {
        if (articleIds.isEmpty()) return;
        java.util.Objects.requireNonNull(newestIngest, "newestIngest");
        h.createUpdate("INSERT INTO sent_lists (reader_id, message_id, sent_at, newest, article_ids)"
                        + " VALUES (:reader, :message, :now, :newest, :ids) ON CONFLICT DO NOTHING")
                .bind("reader", readerId).bind("message", messageId).bind("now", now)
                .bind("newest", newestIngest.toEpochMilli()).bind("ids", idList(articleIds))
                .execute();
    }

    /** Separates the ids in {@code sent_lists.article_ids}; article ids are hashes, without spaces. */
    private static final char ID_SEPARATOR = ' ';

    /** The ids as stored in {@code sent_lists.article_ids}, each once. */
    private static String idList(Collection<String> articleIds) {
        StringBuilder text = new StringBuilder(articleIds.size() * 41);
        for (String id : new java.util.LinkedHashSet<>(articleIds)) {
            if (id.isEmpty() || id.indexOf(ID_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("article id '" + id + "' cannot be recorded as sent:"
                        + " an id must be non-empty and without spaces");
            }
            if (!text.isEmpty()) text.append(ID_SEPARATOR);
            text.append(id);
        }
        return text.toString();
    }

    /**
     * Which of these articles were sent to whom: reader id → the ids among them sent to that reader. What a run
     * over many readers asks once for the period's articles, instead of each reader's whole history.
     *
     * <p>{@code oldestIngest} must be the earliest {@link dev.tidings.model.Article#ingestedAt ingestedAt} among
     * the articles asked about. Each message's list records the latest {@code ingestedAt} among its articles
     * ({@code newest}), so a list holding one of the asked articles has {@code newest} at or after that
     * article's {@code ingestedAt}, hence at or after {@code oldestIngest}: only the lists with
     * {@code newest >= oldestIngest} are read (by index), not every reader's whole history. A later bound
     * would miss lists; an earlier one only reads more. The lists read are scanned for the asked ids without
     * cutting them into strings, as most of their ids (yesterday's digests) are not asked for.
     */
    public java.util.Map<String, Set<String>> sentAmong(Collection<String> articleIds, Instant oldestIngest) {
        return sentAmong(articleIds, oldestIngest, null);
    }

    /**
     * As {@link #sentAmong(Collection, Instant)}, for these readers only. Up to {@value #FEW_READERS} readers,
     * their lists are found through the reader's key, so that a round of a few readers (one time zone's, or one
     * reader's own run) does not read the lists of everyone sent a digest since the bound; for more, the lists
     * since the bound are read once and the other readers' skipped.
     */
    public java.util.Map<String, Set<String>> sentAmong(Collection<String> articleIds, Instant oldestIngest,
                                                        Collection<String> readerIds) {
        if (articleIds.isEmpty() || readerIds != null && readerIds.isEmpty()) return java.util.Map.of();
        AskedIds asked = new AskedIds(articleIds);
        java.util.Map<String, Set<String>> byReader = new java.util.HashMap<>();
        if (readerIds != null && readerIds.size() <= FEW_READERS) {
            List<String> readers = List.copyOf(new java.util.LinkedHashSet<>(readerIds));
            db.jdbi().useHandle(h -> h.createQuery("SELECT reader_id, article_ids FROM sent_lists"
                            + " WHERE reader_id IN (<readers>) AND newest >= :oldest")
                    .bindList("readers", readers).bind("oldest", oldestIngest.toEpochMilli())
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(row -> collectAsked(row.getKey(), row.getValue(), asked, byReader)));
            return byReader;
        }
        Set<String> wanted = readerIds == null ? null : new HashSet<>(readerIds);
        db.jdbi().useHandle(h -> h.createQuery("SELECT reader_id, article_ids FROM sent_lists WHERE newest >= :oldest")
                .bind("oldest", oldestIngest.toEpochMilli())
                .map((rs, ctx) -> {
                    String reader = rs.getString(1);
                    // another reader's list is not even read out of the row
                    return wanted != null && !wanted.contains(reader) ? null : java.util.Map.entry(reader, rs.getString(2));
                })
                .forEach(row -> {
                    if (row != null) collectAsked(row.getKey(), row.getValue(), asked, byReader);
                }));
        return byReader;
    }

    /** Up to this many readers, {@link #sentAmong} finds their lists by reader rather than by time. */
    static final int FEW_READERS = 500;

    /** Adds the asked ids of one stored list to its reader's set, cutting out only those. */
    private static void collectAsked(String reader, String text, AskedIds asked, java.util.Map<String, Set<String>> byReader) {
        Set<String> found = byReader.get(reader);
        for (int from = 0, to; from < text.length(); from = to + 1) {
            to = text.indexOf(ID_SEPARATOR, from);
            if (to < 0) to = text.length();
            String id = asked.find(text, from, to);
            if (id == null) continue;
            if (found == null) {
                found = new HashSet<>();
                byReader.put(reader, found);
            }
            found.add(id);
        }
    }

    /**
     * The ids asked of {@link #sentAmong}, looked up by a stretch of a stored list: an open-addressing table
     * keyed on the first {@value #KEY_CHARS} characters (ids are hashes, so these tell them apart), with the
     * whole id compared in place.
     */
    private static final class AskedIds {
        private static final int KEY_CHARS = 8;
        private final String[] slots;
        private final int mask;

        AskedIds(Collection<String> ids) {
            Set<String> distinct = new HashSet<>(ids);
            int size = Integer.highestOneBit(Math.max(2, distinct.size()) * 2 - 1) << 1;
            slots = new String[size];
            mask = size - 1;
            for (String id : distinct) {
                int slot = key(id, 0, id.length()) & mask;
                while (slots[slot] != null) slot = (slot + 1) & mask;
                slots[slot] = id;
            }
        }

        /** The asked id equal to {@code text[from, to)}, or null. */
        String find(String text, int from, int to) {
            int length = to - from;
            for (int slot = key(text, from, to) & mask; slots[slot] != null; slot = (slot + 1) & mask) {
                String id = slots[slot];
                if (id.length() == length && text.regionMatches(from, id, 0, length)) return id;
            }
            return null;
        }

        private static int key(String text, int from, int to) {
            int h = to - from;
            for (int i = from, end = Math.min(to, from + KEY_CHARS); i < end; i++) h = 31 * h + text.charAt(i);
            return h ^ (h >>> 16);
        }
    }

    /** Which of these readers have a digest recorded for the period ending at {@code periodEnd}. */
    public Set<String> digestsAmong(Collection<String> readerIds, Instant periodEnd) {
        Set<String> found = new HashSet<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(readerIds));
        db.jdbi().useHandle(h -> {
            for (int from = 0; from < ids.size(); from += 500) {
                found.addAll(h.createQuery("SELECT reader_id FROM digests WHERE period_end = :end AND reader_id IN (<ids>)")
                        .bind("end", periodEnd.toEpochMilli())
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                        .mapTo(String.class).list());
            }
        });
        return found;
    }

    /** Ids of every article sent to the reader, in a digest or an alert: the union of their lists. */
    public Set<String> sentArticleIds(String readerId) {
        Set<String> ids = new HashSet<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT article_ids FROM sent_lists WHERE reader_id = :reader")
                .bind("reader", readerId).mapTo(String.class)
                .forEach(text -> ids.addAll(List.of(text.split(String.valueOf(ID_SEPARATOR))))));
        return ids;
    }

    /** Messages waiting to be sent (now or after a back-off), the next due first. */
    public List<OutboxItem> pending(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery(OUTBOX_ROWS + "WHERE status = 'pending'"
                + " ORDER BY next_attempt_at, attempts, created_at, message_id LIMIT " + Math.max(0, limit))
                .map(OUTBOX).list());
    }

    /** Messages whose next attempt is due at {@code now}, the longest waiting first. */
    public List<OutboxItem> due(Instant now, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery(OUTBOX_ROWS + "WHERE status = 'pending'"
                        + " AND next_attempt_at <= :now ORDER BY next_attempt_at, created_at, message_id LIMIT "
                        + Math.max(0, limit))
                .bind("now", now.toEpochMilli()).map(OUTBOX).list());
    }

    /**
     * Takes a due message for sending until {@code until}: true for exactly one of the senders that try with
     * the same {@code item} (as read by {@link #due}); false when another took it or it is no longer pending.
     */
    public boolean lease(OutboxItem item, Instant until) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE outbox SET next_attempt_at = :until"
                        + " WHERE message_id = :message AND status = 'pending' AND next_attempt_at = :seen")
                .bind("until", until.toEpochMilli()).bind("message", item.messageId())
                .bind("seen", item.nextAttemptAt().toEpochMilli()).execute()) == 1;
    }

    /** Leases several due messages in one transaction; returns those this caller got, in the given order. */
    public List<OutboxItem> lease(List<OutboxItem> items, Instant until) {
        return lease(items, until, null);
    }

    /**
     * Leases several due messages in one transaction for {@code owner} (see {@link #leaseOwners}); returns
     * those this caller got, in the given order.
     */
    public List<OutboxItem> lease(List<OutboxItem> items, Instant until, String owner) {
        if (items.isEmpty()) return List.of();
        return db.jdbi().inTransaction(h -> {
            List<OutboxItem> leased = new java.util.ArrayList<>();
            for (OutboxItem item : items) {
                int n = h.createUpdate("UPDATE outbox SET next_attempt_at = :until, leased_by = :owner"
                                + " WHERE message_id = :message AND status = 'pending' AND next_attempt_at = :seen")
                        .bind("until", until.toEpochMilli()).bind("owner", owner).bind("message", item.messageId())
                        .bind("seen", item.nextAttemptAt().toEpochMilli()).execute();
                if (n == 1) leased.add(item);
            }
            return leased;
        });
    }

    /** The owners of the leases still running at {@code now} on pending messages. */
    public Set<String> leaseOwners(Instant now) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT leased_by FROM outbox WHERE status = 'pending'"
                        + " AND next_attempt_at > :now AND leased_by IS NOT NULL")
                .bind("now", now.toEpochMilli()).mapTo(String.class).collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Ends the leases of an owner that is known to be gone: its pending messages are due at {@code now}.
     * Returns how many were taken back.
     */
    public int breakLeases(String owner, Instant now) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE outbox SET next_attempt_at = :now, leased_by = NULL"
                        + " WHERE leased_by = :owner AND status = 'pending' AND next_attempt_at > :now")
                .bind("now", now.toEpochMilli()).bind("owner", owner).execute());
    }

    public void markSent(String messageId, Instant at) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE outbox SET sent_at = :at, status = 'sent' WHERE message_id = :message")
                    .bind("at", at.toEpochMilli()).bind("message", messageId).execute();
            outcome(h, messageId, "sent");
        });
    }

    /** Marks several messages sent in one transaction: a flush's bookkeeping costs one commit, not one per message. */
    public void markSent(Collection<String> messageIds, Instant at) {
        if (messageIds.isEmpty()) return;
        db.jdbi().useTransaction(h -> {
            org.jdbi.v3.core.statement.PreparedBatch sent = h.prepareBatch(
                    "UPDATE outbox SET sent_at = :at, status = 'sent' WHERE message_id = :message");
            org.jdbi.v3.core.statement.PreparedBatch runs = h.prepareBatch(
                    "UPDATE digests SET outcome = 'sent' WHERE " + DIGEST_OF_MESSAGE);
            for (String id : messageIds) {
                sent.bind("at", at.toEpochMilli()).bind("message", id).add();
                runs.bind("message", id).add();
            }
            sent.execute();
            runs.execute();
        });
    }

    /** Which of these addresses are suppressed, in one query. */
    public Set<String> suppressedAmong(Collection<String> addresses) {
        return db.jdbi().withHandle(h -> suppressedAmong(h, addresses));
    }

    private static Set<String> suppressedAmong(Handle h, Collection<String> addresses) {
        Set<String> found = new HashSet<>();
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(addresses));
        // in chunks: databases cap the parameters of one statement
        for (int from = 0; from < distinct.size(); from += 500) {
            found.addAll(h.createQuery("SELECT address FROM suppressions WHERE address IN (<addresses>)")
                    .bindList("addresses", distinct.subList(from, Math.min(distinct.size(), from + 500)))
                    .mapTo(String.class).list());
        }
        return found;
    }

    /** Counts a failed attempt and keeps the error; the message stays pending, due at once. */
    public void markFailed(String messageId, String error) {
        retryLater(messageId, error, Instant.ofEpochMilli(clock.millis()));
    }

    /** Counts a failed attempt that may succeed later; the message is due again at {@code next}. */
    public void retryLater(String messageId, String error, Instant next) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,"
                            + " leased_by = NULL WHERE message_id = :message AND status = 'pending'")
                    .bind("error", error).bind("next", next.toEpochMilli()).bind("message", messageId).execute();
            outcome(h, messageId, "retrying");
        });
    }

    /** Drops a waiting message for a suppressed address; it stays in the outbox as {@code suppressed}. */
    public void markSuppressed(String messageId) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox SET status = 'suppressed' WHERE message_id = :message"
                + " AND status = 'pending'").bind("message", messageId).execute());
    }

    /** Stops trying a message that failed too often; it stays in the outbox as {@code expired}. */
    public void giveUp(String messageId, String error) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = :error, status = 'expired'"
                            + " WHERE message_id = :message")
                    .bind("error", error).bind("message", messageId).execute();
            outcome(h, messageId, "expired");
        });
    }

    /**
     * Records a permanent refusal of a message: the message is not tried again, and once the address has
     * {@code suppressAfter} bounces it is suppressed, and what else waits for it is dropped.
     *
     * @return true when this bounce suppressed the address
     */
    public boolean recordBounce(String messageId, String address, String reason, int suppressAfter) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = :error, status = 'bounced'"
                            + " WHERE message_id = :message")
                    .bind("error", reason).bind("message", messageId).execute();
            outcome(h, messageId, "bounced");
            h.createUpdate("INSERT INTO bounces (address, message_id, reason, at) VALUES (:address, :message,"
                            + " :reason, :now) ON CONFLICT DO NOTHING")
                    .bind("address", address).bind("message", messageId).bind("reason", reason).bind("now", now)
                    .execute();
            int bounces = h.createQuery("SELECT COUNT(*) FROM bounces WHERE address = :address")
                    .bind("address", address).mapTo(Integer.class).one();
            if (bounces < suppressAfter || suppressed(h, address)) return false;
            suppress(h, address, bounces + " hard bounces, the last: " + reason, now);
            return true;
        });
    }

    /** Suppresses an address by hand (the admin, or a complaint); what waits for it is dropped. */
    public void suppress(String address, String reason) {
        db.jdbi().useTransaction(h -> {
            if (!suppressed(h, address)) suppress(h, address, reason, clock.millis());
        });
    }

    /** Lifts a suppression and forgets the address's bounces; false when it was not suppressed. */
    public boolean unsuppress(String address) {
        return db.jdbi().inTransaction(h -> {
            h.createUpdate("DELETE FROM bounces WHERE address = :address").bind("address", address).execute();
            return h.createUpdate("DELETE FROM suppressions WHERE address = :address")
                    .bind("address", address).execute() > 0;
        });
    }

    public boolean isSuppressed(String address) {
        return db.jdbi().withHandle(h -> suppressed(h, address));
    }

    /** Suppressed addresses, newest first. */
    public List<Suppression> suppressions() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM suppressions ORDER BY created_at DESC, address")
                .map((rs, ctx) -> new Suppression(rs.getString("address"), rs.getString("reason"),
                        Instant.ofEpochMilli(rs.getLong("created_at")))).list());
    }

    private static void suppress(Handle h, String address, String reason, long now) {
        h.createUpdate("INSERT INTO suppressions (address, reason, created_at) VALUES (:address, :reason, :now)"
                        + " ON CONFLICT DO NOTHING")
                .bind("address", address).bind("reason", reason).bind("now", now).execute();
        h.createUpdate("UPDATE outbox SET status = 'suppressed' WHERE recipient = :address AND status = 'pending'")
                .bind("address", address).execute();
    }

    private static boolean suppressed(Handle h, String address) {
        return h.createQuery("SELECT COUNT(*) FROM suppressions WHERE address = :address")
                .bind("address", address).mapTo(Integer.class).one() > 0;
    }

    /**
     * The digest row of the outbox message {@code :message}. The digests table has no index on message_id: found by
     * its reader (the leading column of the key) first, a row costs a look at that reader's digests, not a scan
     * of every digest ever sent, which made each flush of a round slower than the one before.
     */
    private static final String DIGEST_OF_MESSAGE =
            "reader_id = (SELECT reader_id FROM outbox WHERE message_id = :message) AND message_id = :message";

    private static void outcome(Handle h, String messageId, String outcome) {
        h.createUpdate("UPDATE digests SET outcome = :outcome WHERE " + DIGEST_OF_MESSAGE)
                .bind("outcome", outcome).bind("message", messageId).execute();
    }

    /** How many messages of this kind were queued for the reader since {@code since}. */
    public int queuedSince(String readerId, String kind, Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE reader_id = :reader"
                        + " AND kind = :kind AND created_at >= :since")
                .bind("reader", readerId).bind("kind", kind).bind("since", since.toEpochMilli())
                .mapTo(Integer.class).one());
    }

    // ---- delivery preferences

    /** The reader's preferences, or the defaults. */
    public DeliveryPreferences preferences(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM delivery_preferences WHERE reader_id = :reader")
                .bind("reader", readerId)
                .map((rs, ctx) -> new DeliveryPreferences(readerId, localTime(rs.getString("quiet_from")),
                        localTime(rs.getString("quiet_until")), rs.getInt("alerts_per_hour")))
                .findOne().orElse(DeliveryPreferences.defaults(readerId)));
    }

    public void savePreferences(DeliveryPreferences p) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM delivery_preferences WHERE reader_id = :reader").bind("reader", p.readerId())
                    .execute();
            h.createUpdate("INSERT INTO delivery_preferences (reader_id, quiet_from, quiet_until, alerts_per_hour)"
                            + " VALUES (:reader, :from, :until, :cap)")
                    .bind("reader", p.readerId())
                    .bind("from", p.quietFrom() == null ? null : p.quietFrom().toString())
                    .bind("until", p.quietUntil() == null ? null : p.quietUntil().toString())
                    .bind("cap", p.alertsPerHour()).execute();
        });
    }

    private static LocalTime localTime(String text) {
        return text == null ? null : LocalTime.parse(text);
    }

    // ---- alerts

    /** What the reader was alerted of for the story, if anything. */
    public Optional<AlertedStory> alerted(String readerId, String story) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alerted_stories WHERE reader_id = :reader"
                        + " AND story = :story")
                .bind("reader", readerId).bind("story", story)
                .map((rs, ctx) -> new AlertedStory(readerId, story, lines(rs.getString("seen")),
                        rs.getInt("updates"), Instant.ofEpochMilli(rs.getLong("last_at"))))
                .findOne());
    }

    /**
     * Queues an alert and records what the reader has now seen of the story, in one transaction. False, and
     * nothing written, when the message id is queued already or the story's record changed meanwhile
     * ({@code expectedUpdates} is the update count read before, or -1 for a story not alerted before).
     * {@code newestIngest} is the latest {@code ingestedAt} among the articles (see {@link #sentAmong}).
     */
    public boolean enqueueAlert(String messageId, String readerId, String recipient, byte[] mime,
                                Collection<String> articleIds, Instant newestIngest, String story, Set<String> seen,
                                int expectedUpdates) {
        return enqueueAlert(messageId, readerId, recipient, mime, articleIds, newestIngest, story, seen,
                expectedUpdates, List.of());
    }

    /**
     * Like {@link #enqueueAlert(String, String, String, byte[], Collection, Instant, String, Set, int)}, with
     * companions.
     */
    public boolean enqueueAlert(String messageId, String readerId, String recipient, byte[] mime,
                                Collection<String> articleIds, Instant newestIngest, String story, Set<String> seen,
                                int expectedUpdates, List<Companion> companions) {
        long now = clock.millis();
        try {
            return db.jdbi().inTransaction(h -> {
                if (!recordStory(h, readerId, story, seen, expectedUpdates, now)) return false;
                if (insertOutbox(h, messageId, readerId, recipient, "alert", mime, now) == 0) throw new NotQueued();
                recordSentList(h, readerId, messageId, articleIds, newestIngest, now);
                insertCompanions(h, readerId, companions, now);
                return true;
            });
        } catch (NotQueued e) {
            return false; // rolled back: the story's record stays as it was
        }
    }

    /**
     * An alert decided for a reader, written with the rest of its batch by {@link #writeAlerts}: either queued
     * (a message with its companions) or held back ({@code mime} null). {@code expectedUpdates} is as for
     * {@link #enqueueAlert(String, String, String, byte[], Collection, Instant, String, Set, int)};
     * {@code ingestedAt} is the article's, for the list of what was sent (null when held: nothing is sent yet).
     */
    public record PendingAlert(String readerId, String story, Set<String> seen, int expectedUpdates, String articleId,
                               Instant ingestedAt, String reason, String messageId, String recipient, byte[] mime,
                               List<Companion> companions) {
        public static PendingAlert queued(String messageId, String readerId, String recipient, byte[] mime,
                                          String articleId, Instant ingestedAt, String story, Set<String> seen,
                                          int expectedUpdates, List<Companion> companions) {
            return new PendingAlert(readerId, story, seen, expectedUpdates, articleId,
                    java.util.Objects.requireNonNull(ingestedAt, "ingestedAt"), null, messageId, recipient, mime,
                    companions);
        }

        public static PendingAlert held(String readerId, String articleId, String reason, String story,
                                        Set<String> seen, int expectedUpdates) {
            return new PendingAlert(readerId, story, seen, expectedUpdates, articleId, null, reason, null, null, null,
                    List.of());
        }

        public boolean isHeld() {
            return mime == null;
        }
    }

    /**
     * What {@link #writeAlerts} wrote: for each pending alert, in order, whether it was written; and the
     * outbox rows that were queued already leased, for the caller to send itself.
     */
    public record WrittenAlerts(List<Boolean> written, List<OutboxItem> leased) {}

    /**
     * Writes a batch of alerts in ONE transaction, each as {@link #enqueueAlert} or {@link #holdAlert} would
     * (an alert that is not written, because its id is queued already, the story's record changed or the
     * address is suppressed, leaves nothing behind: it runs in a savepoint). A burst of articles then costs
     * one commit, and one wait for the SQLite write lock, instead of one per alert.
     *
     * <p>With {@code leaseUntil} set, the queued rows are leased to {@code leaseOwner} as they are inserted and
     * returned, so this process's sender can send them without reading them back and leasing them in a
     * transaction of its own; should it die first, the lease runs out (or is broken as orphaned) and any
     * sender takes them, as with {@link #lease}.
     */
    public WrittenAlerts writeAlerts(List<PendingAlert> alerts, Instant leaseUntil, String leaseOwner) {
        if (alerts.isEmpty()) return new WrittenAlerts(List.of(), List.of());
        long now = clock.millis();
        long next = leaseUntil == null ? now : leaseUntil.toEpochMilli();
        String owner = leaseUntil == null ? null : leaseOwner;
        return db.jdbi().inTransaction(h -> {
            List<Boolean> written = new java.util.ArrayList<>(alerts.size());
            List<OutboxItem> leased = new java.util.ArrayList<>();
            for (PendingAlert a : alerts) {
                h.execute("SAVEPOINT alert");
                List<OutboxItem> queued = new java.util.ArrayList<>();
                boolean ok = writeAlert(h, a, now, next, owner, queued);
                if (!ok) h.execute("ROLLBACK TO SAVEPOINT alert");
                h.execute("RELEASE SAVEPOINT alert");
                written.add(ok);
                if (ok && leaseUntil != null) leased.addAll(queued);
            }
            return new WrittenAlerts(written, leased);
        });
    }

    private static boolean writeAlert(Handle h, PendingAlert a, long now, long nextAttempt, String owner,
                                      List<OutboxItem> queued) {
        if (!recordStory(h, a.readerId(), a.story(), a.seen(), a.expectedUpdates(), now)) return false;
        if (a.isHeld()) {
            return h.createUpdate("INSERT INTO held_alerts (reader_id, article_id, reason, held_at)"
                            + " VALUES (:reader, :article, :reason, :now) ON CONFLICT DO NOTHING")
                    .bind("reader", a.readerId()).bind("article", a.articleId()).bind("reason", a.reason())
                    .bind("now", now).execute() > 0;
        }
        if (insertOutbox(h, a.messageId(), a.readerId(), a.recipient(), "alert", a.mime(), now, nextAttempt, owner) == 0) {
            return false;
        }
        queued.add(leasedItem(a.messageId(), a.readerId(), a.recipient(), "alert", a.mime(), now, nextAttempt));
        recordSentList(h, a.readerId(), a.messageId(), List.of(a.articleId()), a.ingestedAt(), now);
        for (Companion c : a.companions()) {
            if (insertOutbox(h, c.messageId(), a.readerId(), c.recipient(), c.kind(), c.body(), now, nextAttempt,
                    owner) > 0) {
                queued.add(leasedItem(c.messageId(), a.readerId(), c.recipient(), c.kind(), c.body(), now, nextAttempt));
            }
        }
        return true;
    }

    private static OutboxItem leasedItem(String messageId, String readerId, String recipient, String kind, byte[] mime,
                                         long now, long nextAttempt) {
        return new OutboxItem(messageId, readerId, recipient, kind, mime, 0, null, Instant.ofEpochMilli(now), null,
                "pending", Instant.ofEpochMilli(nextAttempt));
    }

    /**
     * Holds an alert back for a later batched message and records the story as alerted (so later articles
     * of it alert only with something new), in one transaction; false when the story's record changed
     * meanwhile or the article is held already.
     */
    public boolean holdAlert(String readerId, String articleId, String reason, String story, Set<String> seen,
                             int expectedUpdates) {
        long now = clock.millis();
        try {
            return db.jdbi().inTransaction(h -> {
                if (!recordStory(h, readerId, story, seen, expectedUpdates, now)) return false;
                int held = h.createUpdate("INSERT INTO held_alerts (reader_id, article_id, reason, held_at)"
                                + " VALUES (:reader, :article, :reason, :now) ON CONFLICT DO NOTHING")
                        .bind("reader", readerId).bind("article", articleId).bind("reason", reason).bind("now", now)
                        .execute();
                if (held == 0) throw new NotQueued();
                return true;
            });
        } catch (NotQueued e) {
            return false;
        }
    }

    private static boolean recordStory(Handle h, String readerId, String story, Set<String> seen, int expectedUpdates,
                                       long now) {
        String seenText = String.join("\n", new java.util.TreeSet<>(seen));
        // Merged into another story since the decision was read: the record is the merged story's. A first
        // alert then counts only when the merged story has none yet (no second alert for one story); an update
        // no longer matches the merged record's count and is not written.
        story = StorySignatureStore.storyNow(h, story);
        int recorded = expectedUpdates < 0
                ? h.createUpdate("INSERT INTO alerted_stories (reader_id, story, seen, updates, last_at)"
                                + " VALUES (:reader, :story, :seen, 0, :now) ON CONFLICT DO NOTHING")
                        .bind("reader", readerId).bind("story", story).bind("seen", seenText).bind("now", now)
                        .execute()
                : h.createUpdate("UPDATE alerted_stories SET seen = :seen, updates = updates + 1, last_at = :now"
                                + " WHERE reader_id = :reader AND story = :story AND updates = :expected")
                        .bind("reader", readerId).bind("story", story).bind("seen", seenText).bind("now", now)
                        .bind("expected", expectedUpdates).execute();
        if (recorded > 0) StorySignatureStore.foldIfMerged(h, readerId, story);
        return recorded > 0;
    }

    private static void insertCompanions(Handle h, String readerId, List<Companion> companions, long now) {
        for (Companion c : companions) insertOutbox(h, c.messageId(), readerId, c.recipient(), c.kind(), c.body(), now);
    }

    /** Rolls back a transaction that turned out to queue nothing. */
    private static final class NotQueued extends RuntimeException {
        NotQueued() {
            super(null, null, false, false);
        }
    }

    /** Alerts held for the reader, oldest first. */
    public List<HeldAlert> held(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM held_alerts WHERE reader_id = :reader"
                        + " ORDER BY held_at, article_id")
                .bind("reader", readerId).map(HELD).list());
    }

    /** Drops held alerts without sending them (already sent another way, or the reader was suppressed). */
    public void dropHeld(String readerId, Collection<String> articleIds) {
        db.jdbi().useHandle(h -> {
            for (String id : articleIds) {
                h.createUpdate("DELETE FROM held_alerts WHERE reader_id = :reader AND article_id = :article")
                        .bind("reader", readerId).bind("article", id).execute();
            }
        });
    }

    /** Readers with held alerts. */
    public List<String> readersWithHeldAlerts() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT reader_id FROM held_alerts ORDER BY reader_id")
                .mapTo(String.class).list());
    }

    /**
     * Queues the batched message for held alerts and releases them, in one transaction; false when the id
     * is queued already (nothing released then). {@code newestIngest} is the latest {@code ingestedAt} among
     * the articles (see {@link #sentAmong}).
     */
    public boolean releaseHeld(String messageId, String readerId, String recipient, byte[] mime,
                               Collection<String> articleIds, Instant newestIngest, List<Companion> companions) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            if (insertOutbox(h, messageId, readerId, recipient, "alert", mime, now) == 0) return false;
            recordSentList(h, readerId, messageId, articleIds, newestIngest, now);
            insertCompanions(h, readerId, companions, now);
            var delete = h.prepareBatch("DELETE FROM held_alerts WHERE reader_id = :reader AND article_id = :article");
            for (String id : articleIds) delete.bind("reader", readerId).bind("article", id).add();
            if (!articleIds.isEmpty()) delete.execute();
            return true;
        });
    }

    private static final RowMapper<HeldAlert> HELD = (rs, ctx) -> new HeldAlert(rs.getString("reader_id"),
            rs.getString("article_id"), rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("held_at")));

    private static Set<String> lines(String text) {
        return text == null || text.isEmpty() ? Set.of() : Set.of(text.split("\n"));
    }

    // ---- webhooks

    public void addWebhook(Webhook hook) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO webhooks (id, reader_id, url, secret, created_at)"
                        + " VALUES (:id, :reader, :url, :secret, :at)")
                .bind("id", hook.id()).bind("reader", hook.readerId()).bind("url", hook.url())
                .bind("secret", hook.secret()).bind("at", hook.createdAt().toEpochMilli()).execute());
    }

    public boolean removeWebhook(String id) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id)
                .execute()) > 0;
    }

    public Optional<Webhook> webhook(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhooks WHERE id = :id").bind("id", id)
                .map(WEBHOOK).findOne());
    }

    /**
     * The hooks that receive the mail of each of these readers (their own and the admin's, in the order of
     * {@link #webhooksFor}), in one read; readers with none are left out.
     */
    public java.util.Map<String, List<Webhook>> webhooksOf(Collection<String> readerIds) {
        List<Webhook> all = webhooks();
        if (all.isEmpty()) return java.util.Map.of();
        List<Webhook> admin = new java.util.ArrayList<>();
        java.util.Map<String, List<Webhook>> own = new java.util.HashMap<>();
        for (Webhook w : all) {
            if (w.readerId() == null) admin.add(w);
            else own.computeIfAbsent(w.readerId(), k -> new java.util.ArrayList<>()).add(w);
        }
        java.util.Map<String, List<Webhook>> byReader = new java.util.HashMap<>();
        for (String reader : new HashSet<>(readerIds)) {
            List<Webhook> theirs = new java.util.ArrayList<>(admin);
            theirs.addAll(own.getOrDefault(reader, List.of()));
            theirs.sort(java.util.Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
            if (!theirs.isEmpty()) byReader.put(reader, List.copyOf(theirs));
        }
        return byReader;
    }

    /** The hooks that receive this reader's mail: their own and the admin's. */
    public List<Webhook> webhooksFor(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhooks WHERE reader_id = :reader"
                        + " OR reader_id IS NULL ORDER BY created_at, id")
                .bind("reader", readerId).map(WEBHOOK).list());
    }

    public List<Webhook> webhooks() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhooks ORDER BY created_at, id")
                .map(WEBHOOK).list());
    }

    private static final RowMapper<Webhook> WEBHOOK = (rs, ctx) -> new Webhook(rs.getString("id"),
            rs.getString("reader_id"), rs.getString("url"), rs.getString("secret"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    /** The latest messages, sent or not, newest first. */
    public List<OutboxItem> recentOutbox(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery(OUTBOX_ROWS + "ORDER BY created_at DESC, message_id"
                + " LIMIT " + Math.max(0, limit)).map(OUTBOX).list());
    }

    /** The digest recorded for (reader, period end), if one was. */
    public java.util.Optional<DigestRun> digest(String readerId, Instant periodEnd) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM digests WHERE reader_id = :reader AND period_end = :end")
                .bind("reader", readerId).bind("end", periodEnd.toEpochMilli()).map(RUN).findOne());
    }

    /** The latest digest runs, newest first. */
    public List<DigestRun> recentRuns(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM digests ORDER BY created_at DESC, period_end DESC"
                + " LIMIT " + Math.max(0, limit)).map(RUN).list());
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
