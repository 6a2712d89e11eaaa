package dev.tidings.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedTokensTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final SignedTokens tokens = new SignedTokens("a-secret-of-enough-length", clock);

    @Test
    void aTokenVerifiesForItsPurposeAndGivesBackItsSubject() {
        String t = tokens.issue("confirm", "reader-1 place/belarus", Duration.ofHours(1));
        assertThat(tokens.verify("confirm", t)).contains("reader-1 place/belarus");
    }

    @Test
    void aTokenForOnePurposeDoesNotWorkForAnother() {
        String t = tokens.issue("confirm", "reader-1", Duration.ofHours(1));
        assertThat(tokens.verify("session", t)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String t = tokens.issue("signin", "reader-1", Duration.ofHours(1));
        now.set(now.get().plus(Duration.ofHours(2)));
        assertThat(tokens.verify("signin", t)).isEmpty();
    }

    @Test
    void aPermanentTokenNeverExpires() {
        String t = tokens.issuePermanent("unsubscribe", "reader-1");
        now.set(now.get().plus(Duration.ofDays(3650)));
        assertThat(tokens.verify("unsubscribe", t)).contains("reader-1");
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String t = tokens.issue("confirm", "reader-1", Duration.ofHours(1));
        String flipped = t.substring(0, 3) + (t.charAt(3) == 'A' ? 'B' : 'A') + t.substring(4);
        SignedTokens other = new SignedTokens("another-secret-of-enough-length", clock);
        assertThat(tokens.verify("confirm", flipped)).isEmpty();
        assertThat(other.verify("confirm", t)).isEmpty();
        assertThat(tokens.verify("confirm", "garbage")).isEmpty();
        assertThat(tokens.verify("confirm", "!!!.???")).isEmpty();
        assertThat(tokens.verify("confirm", null)).isEmpty();
    }

    @Test
    void aShortSecretIsRejected() {
        assertThatThrownBy(() -> new SignedTokens("short", clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
