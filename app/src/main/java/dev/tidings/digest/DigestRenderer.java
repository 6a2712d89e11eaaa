package dev.tidings.digest;

import dev.tidings.model.Digest;
import dev.tidings.model.OutgoingMail;

import java.time.Instant;

/** STUB: to be implemented by the digest work. */
public final class DigestRenderer {
    public DigestRenderer(String baseUrl, String from) {
    }

    public OutgoingMail confirmation(String to, String confirmUrl, Instant now) {
        throw new UnsupportedOperationException("stub");
    }

    public OutgoingMail signInLink(String to, String url, Instant now) {
        throw new UnsupportedOperationException("stub");
    }

    public OutgoingMail alert(dev.tidings.model.Reader reader, dev.tidings.model.Article article, String reason,
                              String unsubscribeToken, Instant now) {
        throw new UnsupportedOperationException("stub");
    }

    public OutgoingMail render(Digest digest, String unsubscribeToken, Instant now) {
        throw new UnsupportedOperationException("stub");
    }
}
