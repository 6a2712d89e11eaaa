package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        for (Digest.Section section : digest.sections()) {
            List<MailView.Entry> entries = section.entries().stream()
                    .map(e -> format.entry(e.article(), e.reason(), e.others(), reader.zone()))
                    .toList();
            sections.add(new MailView.Section(MailFormat.oneLine(section.heading()), entries));
        }
        String preheader = sections.stream().flatMap(s -> s.entries().stream()).limit(2)
                .map(MailView.Entry::title).reduce((a, b) -> a + " · " + b).orElse(intro);
        MailView.Layout layout = new MailView.Layout(subject, preheader, footer, format.meUrl(),
                format.unsubscribeUrl(unsubscribeToken));
        MailView.Digest view = new MailView.Digest(layout, heading, intro, sections);

        PlainText text = new PlainText();
        text.line(heading).line(intro).blank();
        for (MailView.Section section : sections) {
            text.blank().heading(section.heading()).blank();
            section.entries().forEach(entry -> MailFormat.appendEntry(text, entry));
        }
        MailFormat.appendFooter(text, layout);

        return new OutgoingMail(
                format.messageId("digest", reader.id(), Long.toString(digest.period().end().getEpochSecond())),
                format.from(), reader.email(), subject, text.toString(), format.html("mail/digest.jte", view),
                layout.unsubscribeUrl(), format.unsubscribeMailto(unsubscribeToken), now);
    }

    /** An instant alert for one article; the reason says which follow fired ({@code About Belarus}). */
    public OutgoingMail alert(Reader reader, Article article, String reason, String unsubscribeToken, Instant now) {
        MailView.Entry entry = format.entry(article, reason, List.of(), reader.zone());
        String subject = "Alert: " + entry.title();
        String footer = "Sent to " + reader.email() + " because you asked for instant alerts on Tidings.";
        MailView.Layout layout = new MailView.Layout(subject, entry.reason(), footer, format.meUrl(),
                format.unsubscribeUrl(unsubscribeToken));
        MailView.Alert view = new MailView.Alert(layout, "Tidings alert", entry);

        PlainText text = new PlainText();
        text.line(view.heading()).blank();
        MailFormat.appendEntry(text, entry);
        MailFormat.appendFooter(text, layout);

        return new OutgoingMail(format.messageId("alert", reader.id(), article.story()), format.from(),
                reader.email(), subject, text.toString(), format.html("mail/alert.jte", view),
                layout.unsubscribeUrl(), format.unsubscribeMailto(unsubscribeToken), now);
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
