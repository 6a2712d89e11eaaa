/**
 * Digests and alerts: choosing, ranking and grouping what a reader gets, and rendering it as mail.
 *
 * <p><b>Input:</b> a {@link dev.tidings.model.Reader}, the articles that matched their follows (with a
 * {@link dev.tidings.model.FollowMatch} for each follow that fired) and the ids already sent to them.
 * <b>Output:</b> a {@link dev.tidings.model.Digest} ({@link dev.tidings.digest.DigestBuilder}), and an
 * {@link dev.tidings.model.OutgoingMail} with a plain-text and an HTML body
 * ({@link dev.tidings.digest.DigestRenderer} for digests and instant alerts,
 * {@link dev.tidings.digest.NoticeRenderer} for the confirmation and sign-in mails).
 *
 * <p><b>Design.</b> Building is a pure function of its inputs — no clock, no storage — so the same
 * (reader, period) always gives the same digest, and a digest retried after a crash is the same message
 * with the same Message-ID. Each story appears once in a digest, in the section of the earliest follow
 * (by {@code createdAt}, then id) that any of its articles matched; the other articles of the story are
 * folded into it as "also reported by". A section cut by the caps says how many stories it left out and
 * links to the rest on the web, and carries a link that stops that follow alone.
 *
 * <p>A round of many digests over one period ranks each kind of follow's stories once
 * ({@link dev.tidings.digest.SharedRanking}) and merges every reader's digest from the tops of their
 * follows' lists; it gives the digest {@link dev.tidings.digest.DigestBuilder} gives, which stays the
 * definition (a test holds the two equal on random periods).
 *
 * <p>Alerts say what a later article adds to a story the reader was alerted of ({@link
 * dev.tidings.digest.StoryNews}: new concepts it is about, new quotes), so a story alerts again only as an
 * update with something new. Digests and alerts also render as JSON for webhooks.
 *
 * <p>Rendering turns each entry into a small view ({@link dev.tidings.digest.MailView}) once, so the text
 * and HTML parts always say the same thing. The HTML is laid out by jte templates under
 * {@code src/main/jte/mail/} (precompiled, escaped in Html mode); the text part is built in Java
 * ({@code PlainText}) because it needs word wrapping and must not be HTML-escaped, neither of which a
 * template compiled in Html mode does.
 *
 * <p><b>Must not import:</b> {@code store}, {@code pipeline}, {@code deliver}, {@code web}, {@code api},
 * {@code cli} or another stage; only {@code dev.tidings.model}, the precompiled templates, Jackson (webhook JSON) and the JDK.
 */
package dev.tidings.digest;
