package dev.tidings.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Renders a reader's news as mail: the periodic {@linkplain #render digest} and the instant
 * {@linkplain #alert alert}. Both carry a one-click unsubscribe link (RFC 8058) and its mailto: form, and a
 * Message-ID that depends only on what the mail is about — {@code <digest.{reader}.{period end}@host>},
 * {@code <alert.{reader}.{story}@host>} — so rendering again after a crash gives the same message and a
 * transport can recognise it was delivered already.
 *
 * <p>Dates are shown in the reader's zone; a date-only article shows its date alone. Thread-safe.
 */
public final class DigestRenderer {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final int SUBJECT_HEADINGS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailFormat format;

    /**
     * @param baseUrl the public URL of this Tidings, e.g. {@code https://news.example.org}; links and the
     *                Message-ID host come from it
     * @param from    the sender, e.g. {@code Tidings <news@example.org>}
     */
    public DigestRenderer(String baseUrl, String from) {
        this.format = new MailFormat(baseUrl, from);
    }

    /** The digest mail. The digest should not be empty: an empty digest is not sent. */
    public OutgoingMail render(Digest digest, String unsubscribeToken, Instant now) {
        return render(digest, null, null, unsubscribeToken, now, null);
    }

    /**
     * The digest mail with each section's footer: a link to the stories the caps left out, and a link that
     * stops that follow alone.
     *
     * @param unfollowToken the token of a follow's own unsubscribe link
     */
    public OutgoingMail render(DigestBuilder.Composed composed, Function<Follow, String> unfollowToken,
                               String unsubscribeToken, Instant now) {
        return render(composed.digest(), composed.sections(), unfollowToken, unsubscribeToken, now, null);
    }

    /**
     * As {@link #render(DigestBuilder.Composed, Function, String, Instant)}, taking what does not depend on the
     * reader from {@code shared}: the same message, byte for byte, with less work when many digests share stories.
     */
    public OutgoingMail render(DigestBuilder.Composed composed, Function<Follow, String> unfollowToken,
                               String unsubscribeToken, Instant now, Shared shared) {
        return render(composed.digest(), composed.sections(), unfollowToken, unsubscribeToken, now,
                Objects.requireNonNull(shared, "shared"));
    }

    /** A cache for a round of digests over one period: see {@link Shared}. */
    public Shared shared() {
        return new Shared();
    }

    /**
     * The parts of digest entries that are the same whoever reads them, worked out once for a round of digests
     * and reused by every digest that shows the story: each article's wording (title, link, summary, best
     * quote, source), its byline per time zone, and each entry's text and HTML as laid out. Entries differ
     * between readers only by what folds into them and the reason, so most are shared by many digests.
     *
     * <p>For one round over one period's articles; drop it afterwards (it holds what it saw, up to
     * {@value #MAX_ENTRIES} laid-out entries). Thread-safe: the digests of a round render in parallel.
     */
    public static final class Shared {
        static final int MAX_ENTRIES = 100_000;
        private final ConcurrentHashMap<String, MailFormat.Wording> wording = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<ZoneId, Map<String, String>> bylines = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<MailView.Entry, String[]> laidOut = new ConcurrentHashMap<>();

        private Shared() {
        }

        MailFormat.Wording wording(Article article, MailFormat format) {
            // keyed by id: hashing the article record would hash its whole text
            MailFormat.Wording done = wording.get(article.id());
            return done != null ? done : wording.computeIfAbsent(article.id(), id -> format.wording(article));
        }

        String byline(Article article, ZoneId zone) {
            // by zone, then id: no key string to build and hash for every entry of every digest
            Map<String, String> ofZone = bylines.get(zone);
            if (ofZone == null) ofZone = bylines.computeIfAbsent(zone, z -> new ConcurrentHashMap<>());
            String done = ofZone.get(article.id());
            return done != null ? done : ofZone.computeIfAbsent(article.id(), id -> MailFormat.byline(article, zone));
        }

        /** The entry's text and HTML: {@code [text, html]}. */
        String[] laidOut(MailView.Entry entry, MailFormat format) {
            String[] done = laidOut.get(entry);
            if (done != null) return done;
            String[] fresh = {text(entry), format.html("mail/entry.jte", entry)};
            if (laidOut.size() < MAX_ENTRIES) laidOut.putIfAbsent(entry, fresh);
            return fresh;
        }
    }

    private static String text(MailView.Entry entry) {
        PlainText text = new PlainText();
        MailFormat.appendEntry(text, entry);
        return text.laidOut();
    }

    private OutgoingMail render(Digest digest, List<DigestBuilder.SectionInfo> infos,
                                Function<Follow, String> unfollowToken, String unsubscribeToken, Instant now,
                                Shared shared) {
        Reader reader = digest.reader();
        int stories = digest.sections().stream().mapToInt(s -> s.entries().size()).sum();
        List<String> headings = digest.sections().stream().map(s -> MailFormat.oneLine(s.heading())).toList();
        String subject = "Your digest: " + count(stories, "story", "stories")
                + (headings.isEmpty() ? "" : " — " + headingList(headings));

        ZonedDateTime end = digest.period().end().atZone(reader.zone());
        String heading = "Your Tidings digest";
        String intro = DAY.format(end) + " · " + count(stories, "story", "stories") + " from the past "
                + (reader.frequency() == DigestFrequency.WEEKLY ? "week" : "day");
        String footer = "Sent to " + reader.email() + " because you follow these on Tidings.";

        List<MailView.Section> sections = new ArrayList<>();
        List<List<String>> entryTexts = new ArrayList<>();
        int htmlLength = 0;
        for (int i = 0; i < digest.sections().size(); i++) {
            Digest.Section section = digest.sections().get(i);
            List<MailView.Entry> entries = new ArrayList<>(section.entries().size());
            List<String> texts = new ArrayList<>(section.entries().size());
            List<String> html = new ArrayList<>(section.entries().size());
            for (Digest.Entry e : section.entries()) {
                MailView.Entry entry = format.entry(e.article(), e.reason(), e.others(), reader.zone(), shared);
                String[] laidOut = shared == null ? new String[] {text(entry), format.html("mail/entry.jte", entry)}
                        : shared.laidOut(entry, format);
                entries.add(entry);
                texts.add(laidOut[0]);
                html.add(laidOut[1]);
                htmlLength += laidOut[1].length();
            }
            entryTexts.add(texts);
            String title = MailFormat.oneLine(section.heading());
            if (infos == null) {
                sections.add(new MailView.Section(title, entries, html));
                continue;
            }
            DigestBuilder.SectionInfo info = infos.get(i);
            int more = info.leftOut();
            sections.add(new MailView.Section(title, entries, html,
                    more > 0 ? count(more, "more story", "more stories") + " on Tidings" : null,
                    more > 0 ? format.followUrl(info.follow()) : null,
                    unfollowToken == null ? null : format.unsubscribeUrl(unfollowToken.apply(info.follow())),
                    unfollowToken == null ? null : "Stop " + MailFormat.limit(title, 60)));
        }
        String preheader = sections.stream().flatMap(s -> s.entries().stream()).limit(2)
                .map(MailView.Entry::title).reduce((a, b) -> a + " · " + b).orElse(intro);
        MailView.Layout layout = new MailView.Layout(subject, preheader, footer, format.meUrl(),
                format.unsubscribeUrl(unsubscribeToken));
        MailView.Digest view = new MailView.Digest(layout, heading, intro, sections);

        PlainText text = new PlainText();
        text.line(heading).line(intro).blank();
        for (int i = 0; i < sections.size(); i++) {
            MailView.Section section = sections.get(i);
            text.blank().heading(section.heading()).blank();
            // an entry starts after a blank line and lays itself out alone, so its text is the same wherever it goes
            entryTexts.get(i).forEach(text::laidOut);
            if (section.moreUrl() != null) {
                text.line(section.moreLabel() + ":").line(section.moreUrl());
            }
            if (section.unfollowUrl() != null) {
                text.line(section.unfollowLabel() + ":").line(section.unfollowUrl());
            }
        }
        MailFormat.appendFooter(text, layout);

        return new OutgoingMail(
                format.messageId("digest", reader.id(), Long.toString(digest.period().end().getEpochSecond())),
                format.from(), reader.email(), subject, text.toString(),
                // the entries' HTML is known: room for it and the frame at once, not a buffer doubled thrice
                format.html("mail/digest.jte", view, htmlLength + 8 * 1024),
                layout.unsubscribeUrl(), format.unsubscribeMailto(unsubscribeToken), now);
    }

    /** An instant alert for one article; the reason says which follow fired ({@code About Belarus}). */
    public OutgoingMail alert(Reader reader, Article article, String reason, String unsubscribeToken, Instant now) {
        return alert(reader, article, reason, 0, List.of(), unsubscribeToken, now);
    }

    /**
     * An alert for a story, or for its {@code update}-th update ({@code update > 0}): a story the reader was
     * alerted of that brought something new, named in {@code whatIsNew} ({@code Ylva Johansson quoted}).
     * Each update has its own Message-ID, {@code <alert.{reader}.{story}.u{update}@host>}.
     */
    public OutgoingMail alert(Reader reader, Article article, String reason, int update, List<String> whatIsNew,
                              String unsubscribeToken, Instant now) {
        MailView.Entry entry = format.entry(article, reason, List.of(), reader.zone());
        String news = whatIsNew.isEmpty() ? null
                : "New in this story: " + MailFormat.limit(String.join(", ", whatIsNew.stream().map(MailFormat::oneLine).toList()), 200);
        String subject = (update > 0 ? "Update: " : "Alert: ") + entry.title();
        String footer = "Sent to " + reader.email() + " because you asked for instant alerts on Tidings.";
        MailView.Layout layout = new MailView.Layout(subject, news != null ? news : entry.reason(), footer,
                format.meUrl(), format.unsubscribeUrl(unsubscribeToken));
        MailView.Alert view = new MailView.Alert(layout, update > 0 ? "Tidings alert · update" : "Tidings alert",
                entry, news);

        PlainText text = new PlainText();
        text.line(view.heading()).blank();
        if (news != null) text.wrapped(news).blank();
        MailFormat.appendEntry(text, entry);
        MailFormat.appendFooter(text, layout);

        String messageId = update > 0
                ? format.messageId("alert", reader.id(), article.story(), "u" + update)
                : format.messageId("alert", reader.id(), article.story());
        return new OutgoingMail(messageId, format.from(), reader.email(), subject, text.toString(),
                format.html("mail/alert.jte", view), layout.unsubscribeUrl(),
                format.unsubscribeMailto(unsubscribeToken), now);
    }

    /** One alert held back (quiet hours, the hourly cap) and the reason it matched. */
    public record HeldAlert(Article article, String reason) {}

    /**
     * The one message that carries alerts held back by quiet hours or the hourly cap, newest story first.
     * Its Message-ID names the reader and the moment the first of them was held, so it is stable across a
     * retry of the same release.
     */
    public OutgoingMail alertBatch(Reader reader, List<HeldAlert> held, Instant firstHeld, String unsubscribeToken,
                                   Instant now) {
        List<MailView.Entry> entries = held.stream()
                .map(h -> format.entry(h.article(), h.reason(), List.of(), reader.zone()))
                .toList();
        String subject = "Alerts: " + count(entries.size(), "story", "stories") + " while you were away"
                + (entries.isEmpty() ? "" : " — " + MailFormat.limit(entries.get(0).title(), 80));
        String heading = "Your held alerts";
        String intro = count(entries.size(), "alert", "alerts")
                + " waited for your quiet hours to end or for your hourly limit";
        String footer = "Sent to " + reader.email() + " because you asked for instant alerts on Tidings.";
        MailView.Layout layout = new MailView.Layout(subject, intro, footer, format.meUrl(),
                format.unsubscribeUrl(unsubscribeToken));
        MailView.Section section = new MailView.Section("Alerts", entries,
                entries.stream().map(e -> format.html("mail/entry.jte", e)).toList());
        MailView.Digest view = new MailView.Digest(layout, heading, intro, List.of(section));

        PlainText text = new PlainText();
        text.line(heading).line(intro).blank();
        entries.forEach(entry -> MailFormat.appendEntry(text, entry));
        MailFormat.appendFooter(text, layout);

        return new OutgoingMail(format.messageId("alerts", reader.id(), Long.toString(firstHeld.toEpochMilli())),
                format.from(), reader.email(), subject, text.toString(), format.html("mail/digest.jte", view),
                layout.unsubscribeUrl(), format.unsubscribeMailto(unsubscribeToken), now);
    }

    // ---- webhooks

    /**
     * The webhook body for a digest: {@code {"type":"digest","messageId",…,"sections":[{"heading",
     * "stories":[…]}]}}, the same stories as the mail, as UTF-8 JSON.
     */
    public byte[] digestJson(Digest digest, OutgoingMail mail) {
        ObjectNode root = envelope("digest", digest.reader(), mail);
        root.put("periodStart", digest.period().start().toString());
        root.put("periodEnd", digest.period().end().toString());
        ArrayNode sections = root.putArray("sections");
        for (Digest.Section section : digest.sections()) {
            ObjectNode s = sections.addObject();
            s.put("heading", section.heading());
            ArrayNode stories = s.putArray("stories");
            for (Digest.Entry e : section.entries()) story(stories.addObject(), e.article(), e.reason(), e.others().size());
        }
        return bytes(root);
    }

    /** The webhook body for an alert (or an update, with what is new). */
    public byte[] alertJson(Reader reader, Article article, String reason, List<String> whatIsNew, OutgoingMail mail) {
        ObjectNode root = envelope("alert", reader, mail);
        ArrayNode news = root.putArray("whatIsNew");
        whatIsNew.forEach(news::add);
        story(root.putObject("story"), article, reason, 0);
        return bytes(root);
    }

    /** The webhook body for held alerts released together. */
    public byte[] alertBatchJson(Reader reader, List<HeldAlert> held, OutgoingMail mail) {
        ObjectNode root = envelope("alerts", reader, mail);
        ArrayNode stories = root.putArray("stories");
        held.forEach(h -> story(stories.addObject(), h.article(), h.reason(), 0));
        return bytes(root);
    }

    private static ObjectNode envelope(String type, Reader reader, OutgoingMail mail) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type);
        root.put("messageId", mail.messageId());
        root.put("reader", reader.email());
        root.put("subject", mail.subject());
        root.put("date", mail.date().toString());
        return root;
    }

    private void story(ObjectNode node, Article article, String reason, int otherArticles) {
        node.put("id", article.id());
        node.put("story", article.story());
        node.put("title", MailFormat.oneLine(article.title()));
        node.put("url", format.articleUrl(article.id()));
        if (article.url() != null) node.put("sourceUrl", article.url());
        MailFormat.sourceName(article).ifPresent(s -> node.put("source", s));
        node.put("published", article.effectivePublished().instant().toString());
        node.put("summary", MailFormat.summary(article.summary()));
        MailFormat.quote(article).ifPresent(q -> node.put("quote", q));
        node.put("reason", MailFormat.oneLine(reason));
        node.put("otherArticles", otherArticles);
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** Up to three headings, then how many more: {@code EU immigration, Belarus and 2 more}. */
    private static String headingList(List<String> headings) {
        if (headings.size() <= SUBJECT_HEADINGS) {
            return String.join(", ", headings);
        }
        return String.join(", ", headings.subList(0, SUBJECT_HEADINGS)) + " and "
                + (headings.size() - SUBJECT_HEADINGS) + " more";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
