/**
 * Delivery: turns a rendered {@link dev.tidings.model.OutgoingMail} into an RFC 5322 message and hands
 * it to a transport.
 *
 * <p><b>Input:</b> {@code OutgoingMail} records, every header value already decided by the renderer.
 * <b>Output:</b> a file in a Maildir ({@link dev.tidings.deliver.MaildirTransport}) or a message accepted
 * by an SMTP server ({@link dev.tidings.deliver.SmtpTransport}, our own client: PIPELINING, STARTTLS, AUTH;
 * {@link dev.tidings.deliver.MailTransport#sendAll} takes a batch and says what became of each message),
 * or a signed JSON POST to a webhook
 * ({@link dev.tidings.deliver.WebhookPoster}); a refusal is a {@link dev.tidings.deliver.DeliveryException}
 * that says whether retrying can help.
 *
 * <p><b>Design.</b> There is one composition path, {@link dev.tidings.deliver.MimeComposer}: both transports
 * deliver exactly the bytes it produces, so what a Maildir holds is what an SMTP server receives and
 * {@code tidings digest --dry-run} can print the same bytes. The composer is also the single place where
 * header values are checked: CR and LF never reach a header, addresses are parsed strictly, and the
 * Message-ID is the renderer's, never one Jakarta Mail makes up — a stable Message-ID is what lets a
 * Maildir (and the reader's mail client) recognise a message delivered twice.
 *
 * <p>{@link dev.tidings.deliver.RetryPolicy} says when a failed message is tried again, given up, or its
 * address suppressed; the outbox that applies it and the bookkeeping of what was sent live in the pipeline
 * and the store, not here.
 *
 * <p><b>Must not import:</b> {@code store}, {@code pipeline}, {@code web}, {@code api}, {@code cli} or any
 * other stage; only {@code dev.tidings.model}, Jakarta Mail and the JDK.
 */
package dev.tidings.deliver;
