package dev.tidings.digest;

import dev.tidings.model.OutgoingMail;

import java.time.Instant;
import java.util.List;

/**
 * Renders the account mails — the double opt-in confirmation and the sign-in link — which go to an address
 * rather than a reader's news, so they carry no unsubscribe headers. Each has a Message-ID derived from the
 * address and the link ({@code <confirm.{sha-256 prefix}@host>}), so a retried send is recognised as the
 * same message. Thread-safe.
 */
public final class NoticeRenderer {
    private final MailFormat format;

    /**
     * @param baseUrl the public URL of this Tidings; the Message-ID host comes from it
     * @param from    the sender, e.g. {@code Tidings <news@example.org>}
     */
    public NoticeRenderer(String baseUrl, String from) {
        this.format = new MailFormat(baseUrl, from);
    }

    /** The double opt-in mail: nothing is sent to the address until its link is followed. */
    public OutgoingMail confirmation(String to, String confirmUrl, Instant now) {
        MailView.Notice notice = new MailView.Notice(
                new MailView.Layout("Confirm your Tidings subscription",
                        "One click to start receiving the news you follow.",
                        "This message was sent to " + to + " because the address was entered on Tidings.",
                        null, null),
                "Confirm your Tidings subscription",
                List.of("Someone, hopefully you, asked for Tidings news to be sent to " + to + ".",
                        "To confirm that this is your address, open this link:"),
                "Confirm my subscription", confirmUrl,
                "If it was not you, ignore this email: nothing more will be sent to this address.");
        return mail(notice, "confirm", to, confirmUrl, now);
    }

    /** A magic link that signs the reader in to their page ({@code /me}). */
    public OutgoingMail signInLink(String to, String url, Instant now) {
        MailView.Notice notice = new MailView.Notice(
                new MailView.Layout("Your Tidings sign-in link",
                        "Open your Tidings page to change what you follow.",
                        "This message was sent to " + to + " because a sign-in link was asked for on Tidings.",
                        null, null),
                "Sign in to Tidings",
                List.of("Open this link to see and change what you follow and how often you hear from us:"),
                "Open my Tidings page", url,
                "If you did not ask for this link, ignore this email: nobody can sign in without it.");
        return mail(notice, "signin", to, url, now);
    }

    private OutgoingMail mail(MailView.Notice notice, String kind, String to, String url, Instant now) {
        PlainText text = new PlainText();
        text.line(notice.heading()).blank();
        notice.paragraphs().forEach(p -> text.wrapped(p).blank());
        text.line(notice.actionUrl()).blank();
        text.wrapped(notice.note());
        MailFormat.appendFooter(text, notice.layout());
        String subject = notice.layout().title();
        return new OutgoingMail(format.messageId(kind, MailFormat.sha256Hex(to + url, 16)), format.from(), to,
                subject, text.toString(), format.html("mail/notice.jte", notice), null, null, now);
    }
}
