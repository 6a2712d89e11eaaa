package dev.tidings.digest;

import java.util.List;
import java.util.Objects;

/**
 * What the mail templates under {@code src/main/jte/mail/} are given: every value already worded and
 * formatted, so a template only lays it out and the text part says exactly the same.
 *
 * <p>Public only because the precompiled templates live in another package ({@code dev.tidings.templates});
 * nothing outside this package builds these.
 */
public final class MailView {
    private MailView() {
    }

    /**
     * The frame around every mail.
     *
     * @param title          the document title (the subject)
     * @param preheader      the one line a mail client shows after the subject in its list
     * @param footer         why the reader gets this mail
     * @param meUrl          the reader's page, or null (mail to someone who is not a reader yet)
     * @param unsubscribeUrl the unsubscribe page, or null
     */
    public record Layout(String title, String preheader, String footer, String meUrl, String unsubscribeUrl) {
        public Layout {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(preheader, "preheader");
            Objects.requireNonNull(footer, "footer");
        }
    }

    /** A digest: a heading, a line about what is inside, and the sections. */
    public record Digest(Layout layout, String heading, String intro, List<Section> sections) {
    }

    /**
     * One follow's news.
     *
     * @param entryHtml   each entry laid out by {@code mail/entry.jte}, in the order of {@code entries}: rendered
     *                    apart so that a round of digests renders an entry they share once
     * @param moreLabel   {@code 3 more stories on Tidings} when the caps left some out, else null
     * @param moreUrl     where the rest are on the web, or null
     * @param unfollowUrl the link that stops this follow alone (one-click like the mail's), or null
     * @param unfollowLabel {@code Stop Belarus}, or null
     */
    public record Section(String heading, List<Entry> entries, List<String> entryHtml, String moreLabel, String moreUrl,
                          String unfollowUrl, String unfollowLabel) {
        public Section {
            if (entryHtml.size() != entries.size()) throw new IllegalArgumentException("one HTML fragment per entry");
        }

        public Section(String heading, List<Entry> entries, List<String> entryHtml) {
            this(heading, entries, entryHtml, null, null, null, null);
        }
    }

    /**
     * One story as shown.
     *
     * @param title          the article's title
     * @param url            the article's page on Tidings
     * @param byline         source and local date/time, e.g. {@code The Courier · 10 Aug 2021, 14:05}
     * @param summary        about two lines of summary
     * @param quote          {@code “…” — Speaker}, or null
     * @param alsoReportedBy {@code Also reported by: A, B}, or null when the story has one article
     * @param reason         {@code Why: About Belarus}
     */
    public record Entry(String title, String url, String byline, String summary, String quote,
                        String alsoReportedBy, String reason) {
    }

    /** An instant alert: one entry, and for an update what is new in the story (else null). */
    public record Alert(Layout layout, String heading, Entry entry, String whatIsNew) {
    }

    /** An account mail with one action: confirm, sign in. */
    public record Notice(Layout layout, String heading, List<String> paragraphs, String actionLabel,
                         String actionUrl, String note) {
    }
}
