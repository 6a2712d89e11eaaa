package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Reader;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** STUB: to be implemented by the digest work. */
public final class DigestBuilder {
    public static final java.time.Duration GRACE = java.time.Duration.ofHours(12);

    public DigestPeriod period(Reader reader, Instant at) {
        throw new UnsupportedOperationException("stub");
    }

    public Digest build(Reader reader, DigestPeriod period, Map<Article, List<FollowMatch>> matches,
                        Set<String> alreadySent) {
        throw new UnsupportedOperationException("stub");
    }
}
