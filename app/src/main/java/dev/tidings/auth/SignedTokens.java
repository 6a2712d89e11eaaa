package dev.tidings.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and verifies tokens of the form {@code base64url(purpose|subject|expiry).base64url(mac)}.
 *
 * <p>Thread-safe: a {@link Mac} is made per call.
 */
public final class SignedTokens {
    /** Expiry value for tokens that never expire (unsubscribe links must keep working). */
    private static final long NEVER = 0;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final InstantSource clock;

    public SignedTokens(String secret, InstantSource clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the token secret must be at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A token for {@code subject} that verifies for {@code purpose} until {@code ttl} has passed. */
    public String issue(String purpose, String subject, Duration ttl) {
        return sign(purpose, subject, clock.instant().plus(ttl).getEpochSecond());
    }

    /** A token that never expires (for unsubscribe links). */
    public String issuePermanent(String purpose, String subject) {
        return sign(purpose, subject, NEVER);
    }

    /** The subject, when the token is intact, for this purpose and not expired. */
    public Optional<String> verify(String purpose, String token) {
        if (token == null) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0) return Optional.empty();
        byte[] payload;
        byte[] mac;
        try {
            payload = B64D.decode(token.substring(0, dot));
            mac = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, mac(payload))) return Optional.empty();
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(purpose)) return Optional.empty();
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expiry != NEVER && clock.instant().isAfter(Instant.ofEpochSecond(expiry))) return Optional.empty();
        return Optional.of(parts[1]);
    }

    private String sign(String purpose, String subject, long expiry) {
        if (purpose.contains("|")) throw new IllegalArgumentException("purpose must not contain '|'");
        // The subject goes in the middle so it may itself contain '|' (split keeps the rest whole).
        byte[] payload = (purpose + "|" + subject.replace("|", "%7C") + "|" + expiry).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(payload);
            // 128 bits are plenty for a link and keep URLs short.
            return java.util.Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
