package dev.tidings.pipeline;

import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.NoticeRenderer;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.match.SavedQuery;
import dev.tidings.model.Concept;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.EmailAddress;
import dev.tidings.model.Follow;
import dev.tidings.model.Mute;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FollowStore;
import dev.tidings.store.MuteStore;
import dev.tidings.store.ReaderStore;
import dev.tidings.understand.Taxonomy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What can be done for and by readers, shared by the CLI, the web pages and the API: sign-up with
 * double opt-in, confirmation, sign-in links, follows and erasure.
 */
public final class ReaderAccounts {
    /** How long a confirmation or sign-in link works. */
    public static final Duration LINK_TTL = Duration.ofHours(48);
    public static final String CONFIRM = "confirm";
    public static final String SIGN_IN = "signin";
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** Token purpose of the link that stops one follow; the subject is the reader id, a space, the target. */
    public static final String UNFOLLOW = "unfollow";
    public static final String SESSION = "session";

    /** Emails a person can trigger to one address: confirmation and sign-in links together. */
    private final dev.tidings.auth.RateLimiter perAddress;

    /** Query syntax that marks a follow as a saved search rather than a concept label. */
    private static final Pattern QUERY_SYNTAX = Pattern.compile("\\b(AND|OR|NOT)\\b|[\"()*:~]|(^|\\s)[-+]\\S");

    private final ReaderStore readers;
    private final FollowStore follows;
    private final MuteStore mutes;
    private final DeliveryStore deliveries;
    private final Taxonomy taxonomy;
    private final NoticeRenderer renderer;
    private final MimeComposer composer;
    private final OutboxSender outbox;
    private final SignedTokens tokens;
    private final String baseUrl;
    private final InstantSource clock;

    public ReaderAccounts(ReaderStore readers, FollowStore follows, MuteStore mutes, DeliveryStore deliveries,
                          Taxonomy taxonomy,
                          NoticeRenderer renderer, MimeComposer composer, OutboxSender outbox, SignedTokens tokens,
                          String baseUrl, InstantSource clock) {
        this.readers = readers;
        this.follows = follows;
        this.mutes = mutes;
        this.deliveries = deliveries;
        this.taxonomy = taxonomy;
        this.renderer = renderer;
        this.composer = composer;
        this.outbox = outbox;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.perAddress = new dev.tidings.auth.RateLimiter(5, Duration.ofHours(1), 100_000, clock);
    }

    /** Preferences given at sign-up; nulls take the defaults (UTC, 07:00, daily). */
    public record Preferences(ZoneId zone, LocalTime digestAt, DigestFrequency frequency, DayOfWeek weeklyOn) {
        public static Preferences defaults() {
            return new Preferences(null, null, null, null);
        }
    }

    /**
     * Adds a reader. Unless {@code confirmed}, a confirmation email with a signed, expiring link is
     * queued and sent; nothing else reaches the reader before they confirm.
     *
     * @param firstFollow a concept id or query to follow once confirmed (from a concept page), or null
     * @throws RejectedInput for an invalid address (usage) or an address that is already a reader (runtime)
     */
    public Reader add(String email, Preferences prefs, boolean confirmed, String firstFollow) throws RejectedInput {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> new RejectedInput("'" + email + "' is not a valid email address", true));
        Reader reader = new Reader(UUID.randomUUID().toString(), address.value(),
                prefs.zone() != null ? prefs.zone() : ZoneId.of("UTC"),
                prefs.digestAt() != null ? prefs.digestAt() : LocalTime.of(7, 0),
                prefs.frequency() != null ? prefs.frequency() : DigestFrequency.DAILY,
                prefs.weeklyOn() != null ? prefs.weeklyOn() : DayOfWeek.MONDAY,
                confirmed, clock.instant());
        Reader added = readers.add(reader)
                .orElseThrow(() -> new RejectedInput(address + " is already a reader", false));
        if (!confirmed) sendConfirmation(added, firstFollow);
        return added;
    }

    /**
     * Sign-up from the web or the API: answers the same whether or not the address is known, so
     * nobody can find out who reads what. A new address gets a confirmation link, an unconfirmed one
     * a fresh link, a confirmed one a sign-in link.
     */
    public void signUp(String email, Preferences prefs, String firstFollow) throws RejectedInput {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> new RejectedInput("'" + email + "' is not a valid email address", true));
        if (!perAddress.tryAcquire(address.value())) throw new RateLimited();
        Optional<Reader> known = readers.byEmail(address.value());
        if (known.isEmpty()) {
            add(address.value(), prefs, false, firstFollow);
        } else if (!known.get().confirmed()) {
            sendConfirmation(known.get(), firstFollow);
        } else {
            if (firstFollow != null) follow(known.get(), firstFollow, false, false);
            sendSignInLink(known.get());
        }
    }

    /** Confirms the reader a confirmation token names, adding the follow it carries. */
    public Optional<Reader> confirm(String token) {
        Optional<String> subject = tokens.verify(CONFIRM, token);
        if (subject.isEmpty()) return Optional.empty();
        String[] parts = subject.get().split(" ", 2);
        Optional<Reader> reader = readers.byId(parts[0]);
        if (reader.isEmpty()) return Optional.empty();
        Reader confirmed = reader.get().confirm();
        readers.update(confirmed);
        if (parts.length == 2) {
            try {
                follow(confirmed, parts[1], false, false);
            } catch (RejectedInput e) {
                // The concept was removed meanwhile; the reader can follow something else from /me.
            }
        }
        return Optional.of(confirmed);
    }

    /** Sends a magic link to /me if the address is a reader; silent otherwise (no enumeration). */
    public void requestSignIn(String email) throws RateLimited {
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (address.isPresent() && !perAddress.tryAcquire(address.get().value())) throw new RateLimited();
        address.flatMap(a -> readers.byEmail(a.value())).ifPresent(this::sendSignInLink);
    }

    /** Too many emails asked for one address; the same for known and unknown addresses. */
    public static final class RateLimited extends RejectedInput {
        public RateLimited() {
            super("too many requests for this address; try again in an hour", false);
        }
    }

    /** The reader a sign-in token names. */
    public Optional<Reader> signIn(String token) {
        return tokens.verify(SIGN_IN, token).flatMap(readers::byId);
    }

    /** A session value for the cookie of a signed-in reader. */
    public String session(Reader reader) {
        return tokens.issue(SESSION, reader.id(), Duration.ofDays(30));
    }

    public Optional<Reader> fromSession(String cookie) {
        return tokens.verify(SESSION, cookie).flatMap(readers::byId);
    }

    /**
     * What an unsubscribe link stops: everything ({@code follow} null), or one follow (a digest section's
     * link). A follow that is gone already still names its target, so a second click says the same.
     */
    public record Unsubscription(Reader reader, String followTarget, String followLabel) {
        public boolean everything() {
            return followTarget == null;
        }
    }

    /** What the unsubscribe token stops, without stopping it (the confirmation page). */
    public Optional<Unsubscription> unsubscription(String token) {
        Optional<Unsubscription> all = tokens.verify(UNSUBSCRIBE, token).flatMap(readers::byId)
                .map(r -> new Unsubscription(r, null, null));
        if (all.isPresent()) return all;
        return tokens.verify(UNFOLLOW, token).flatMap(subject -> {
            int space = subject.indexOf(' ');
            if (space <= 0) return Optional.empty();
            String target = subject.substring(space + 1);
            return readers.byId(subject.substring(0, space)).map(r -> new Unsubscription(r, target,
                    follows.ofReader(r.id()).stream().filter(f -> f.target().equals(target)).map(Follow::label)
                            .findFirst().orElse(target)));
        });
    }

    /** Stops what an unsubscribe token names: all the reader's follows, or the one follow. */
    public Optional<Reader> unsubscribe(String token) {
        Optional<Unsubscription> u = unsubscription(token);
        u.ifPresent(x -> {
            Reader r = x.reader();
            if (x.everything()) follows.ofReader(r.id()).forEach(f -> follows.remove(r.id(), f.target()));
            else follows.remove(r.id(), x.followTarget());
        });
        return u.map(Unsubscription::reader);
    }

    public Optional<Reader> byEmail(String email) {
        return EmailAddress.parse(email).flatMap(a -> readers.byEmail(a.value()));
    }

    public Reader require(String email) throws RejectedInput {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> new RejectedInput("'" + email + "' is not a valid email address", true));
        return readers.byEmail(address.value())
                .orElseThrow(() -> new RejectedInput("no reader with the address " + address, false));
    }

    public List<Reader> all() {
        return readers.all();
    }

    public List<Follow> follows(Reader reader) {
        return follows.ofReader(reader.id());
    }

    public void update(Reader reader) {
        readers.update(reader);
    }

    /** Mutes a concept (by id, label or alias) or, when no concept has that name, a source. */
    public Mute mute(Reader reader, String what) throws RejectedInput {
        String text = what == null ? "" : what.strip();
        if (text.isEmpty()) throw new RejectedInput("say what to mute: a concept or a source", true);
        Optional<Concept> concept = taxonomy.resolve(text);
        Mute mute = concept.map(c -> new Mute(reader.id(), Mute.Kind.CONCEPT, c.id(), c.label()))
                .orElseGet(() -> new Mute(reader.id(), Mute.Kind.SOURCE, text, text));
        mutes.put(mute);
        return mute;
    }

    public boolean unmute(Reader reader, Mute.Kind kind, String target) {
        return mutes.remove(reader.id(), kind, target);
    }

    public List<Mute> mutes(Reader reader) {
        return mutes.ofReader(reader.id());
    }

    /** Changes when and how often the reader's digest comes. */
    public Reader updatePreferences(Reader reader, Preferences prefs) {
        Reader updated = new Reader(reader.id(), reader.email(),
                prefs.zone() != null ? prefs.zone() : reader.zone(),
                prefs.digestAt() != null ? prefs.digestAt() : reader.digestAt(),
                prefs.frequency() != null ? prefs.frequency() : reader.frequency(),
                prefs.weeklyOn() != null ? prefs.weeklyOn() : reader.weeklyOn(),
                reader.confirmed(), reader.createdAt());
        readers.update(updated);
        return updated;
    }

    /** Turns instant alerts and about-only on or off for one of the reader's follows. */
    public Optional<Follow> updateFollow(Reader reader, String target, boolean instant, boolean aboutOnly) {
        Optional<Follow> current = follows.ofReader(reader.id()).stream().filter(f -> f.target().equals(target)).findFirst();
        current.ifPresent(f -> follows.put(new Follow(f.id(), f.readerId(), f.kind(), f.target(), f.label(), instant,
                f.kind() == Follow.Kind.CONCEPT && aboutOnly, f.createdAt())));
        return current.flatMap(f -> follows.ofReader(reader.id()).stream().filter(x -> x.target().equals(target)).findFirst());
    }

    /** Everything Tidings keeps about the reader, for "export my data". */
    public java.util.Map<String, Object> export(Reader reader) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> me = new java.util.LinkedHashMap<>();
        me.put("email", reader.email());
        me.put("timezone", reader.zone().getId());
        me.put("digestAt", reader.digestAt().toString());
        me.put("frequency", reader.frequency().name().toLowerCase(java.util.Locale.ROOT));
        me.put("weeklyOn", reader.weeklyOn().name().toLowerCase(java.util.Locale.ROOT));
        me.put("confirmed", reader.confirmed());
        me.put("createdAt", reader.createdAt().toString());
        out.put("reader", me);
        out.put("follows", follows.ofReader(reader.id()).stream().map(f -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("target", f.target());
            m.put("label", f.label());
            m.put("instant", f.instant());
            m.put("aboutOnly", f.aboutOnly());
            m.put("createdAt", f.createdAt().toString());
            return m;
        }).toList());
        out.put("mutes", mutes.ofReader(reader.id()).stream().map(m -> java.util.Map.of(
                "kind", m.kind().name().toLowerCase(java.util.Locale.ROOT), "target", m.target(), "label", m.label())).toList());
        out.put("sentArticles", deliveries.sentArticleIds(reader.id()).stream().sorted().toList());
        return out;
    }

    /** Erases the reader and all their data. */
    public boolean remove(String email) throws RejectedInput {
        return readers.erase(require(email).id());
    }

    /**
     * Follows a concept (by id, label or alias) or a saved search. Words without query syntax must
     * name a concept: an unknown label is an error, not a silent saved search.
     */
    public Follow follow(Reader reader, String what, boolean instant, boolean aboutOnly) throws RejectedInput {
        Follow follow = resolve(reader, what, instant, aboutOnly);
        follows.put(follow);
        return follow;
    }

    /** The follow that {@link #follow} would save, for nobody in particular and unsaved (to back-test it first). */
    public Follow draft(String what, boolean aboutOnly) throws RejectedInput {
        return resolve("draft", what, false, aboutOnly);
    }

    /** What a follow would have sent over the last 30 days. */
    public dev.tidings.match.Backtest backtest(Follow follow, FollowBacktester backtester, java.time.ZoneId zone)
            throws RejectedInput {
        if (follow.kind() == Follow.Kind.CONCEPT) {
            return backtester.concept(follow.target(), follow.label(), follow.aboutOnly(), zone);
        }
        try {
            return backtester.query(follow.target(), zone);
        } catch (QuerySyntaxException e) {
            throw new RejectedInput(e.getMessage(), true, e);
        }
    }

    /** Removes the follow named like {@link #follow}; false when the reader did not follow it. */
    public boolean unfollow(Reader reader, String what) {
        Optional<Concept> concept = taxonomy.resolve(what.strip());
        if (concept.isPresent() && follows.remove(reader.id(), concept.get().id())) return true;
        return follows.remove(reader.id(), what.strip()) || follows.remove(reader.id(), withConceptIds(what.strip()));
    }

    private static final Pattern CONCEPT_REFERENCE = Pattern.compile("\\b(concept|about):(\"[^\"]*\"|[^\\s()\"]+)");

    /** The query with every concept reference written as the concept's id. */
    private String withConceptIds(String text) {
        return CONCEPT_REFERENCE.matcher(text).replaceAll(m -> {
            String written = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            String id = taxonomy.resolve(written).map(Concept::id).orElse(m.group(2));
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + ":" + id);
        });
    }

    private Follow resolve(Reader reader, String what, boolean instant, boolean aboutOnly) throws RejectedInput {
        return resolve(reader.id(), what, instant, aboutOnly);
    }

    private Follow resolve(String readerId, String what, boolean instant, boolean aboutOnly) throws RejectedInput {
        String text = what == null ? "" : what.strip();
        if (text.isEmpty()) throw new RejectedInput("say what to follow: a concept or a search", true);
        if (!QUERY_SYNTAX.matcher(text).find()) {
            Concept concept = taxonomy.resolve(text).orElseThrow(() -> new RejectedInput(
                    "unknown concept '" + text + "' (try 'tidings concepts search " + text
                            + "', or quote the words to follow them as a search: '\"" + text + "\"')", true));
            return new Follow(UUID.randomUUID().toString(), readerId, Follow.Kind.CONCEPT, concept.id(),
                    concept.label(), instant, aboutOnly, clock.instant());
        }
        try {
            // Concept references may name a concept by label: concept:"EU immigration", about:Belarus.
            // Errors point into what the reader wrote; the follow keeps the references as ids, so that
            // matching needs no taxonomy and a renamed label does not break it.
            SavedQuery.parse(text, label -> taxonomy.resolve(label).map(Concept::id));
            SavedQuery query = SavedQuery.parse(withConceptIds(text));
            return new Follow(UUID.randomUUID().toString(), readerId, Follow.Kind.QUERY, query.text(),
                    text, instant, false, clock.instant());
        } catch (QuerySyntaxException e) {
            throw new RejectedInput(e.getMessage(), true, e);
        }
    }

    private void sendConfirmation(Reader reader, String firstFollow) throws RejectedInput {
        String subject = firstFollow == null ? reader.id() : reader.id() + " " + firstFollow;
        String url = baseUrl + "/confirm/" + tokens.issue(CONFIRM, subject, LINK_TTL);
        queue(reader, renderer.confirmation(reader.email(), url, clock.instant()), "confirm");
    }

    private void sendSignInLink(Reader reader) {
        String url = baseUrl + "/signin/" + tokens.issue(SIGN_IN, reader.id(), LINK_TTL);
        try {
            queue(reader, renderer.signInLink(reader.email(), url, clock.instant()), "signin");
        } catch (RejectedInput e) {
            // Nothing to tell the person at the keyboard: they must not learn whether the address is known.
        }
    }

    private void queue(Reader reader, OutgoingMail mail, String kind) throws RejectedInput {
        try {
            deliveries.enqueue(mail.messageId(), reader.id(), reader.email(), kind, composer.toBytes(mail));
        } catch (DeliveryException e) {
            throw new RejectedInput("cannot write the email to " + reader.email() + ": " + e.getMessage(), false, e);
        }
        outbox.flush();
    }
}
