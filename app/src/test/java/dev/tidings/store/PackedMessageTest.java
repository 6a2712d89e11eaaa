package dev.tidings.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Messages are packed for the outbox when that makes them smaller, and always come back byte for byte. That the
 * store keeps a claimed digest packed, on SQLite and PostgreSQL alike, is in {@link StoreContract}.
 */
class PackedMessageTest {
    /** A digest-like message: the same inline styles on every row, as the HTML part of a digest has them. */
    private static byte[] digestLike(int rows) {
        StringBuilder mime = new StringBuilder("Subject: Your digest\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n");
        for (int i = 0; i < rows; i++) {
            mime.append("<tr><td style=3D\"padding:12px 0;border-bottom:1px solid #e5e5e5;font-family:Georgia,serif\">")
                    .append("<a href=3D\"https://news.example.org/articles/a").append(i * 7919 % 10007)
                    .append("\" style=3D\"color:#1a1a1a;text-decoration:none\">Headline ").append(i)
                    .append("</a></td></tr>\r\n");
        }
        return mime.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDigestIsStoredPackedAndUnpacksToTheSameBytes() {
        byte[] mime = digestLike(300);
        PackedMessage packed = PackedMessage.of(mime);
        assertThat(packed.encoding()).isEqualTo(PackedMessage.ZSTD);
        assertThat(packed.stored().length).isLessThan(mime.length / 4);
        assertThat(PackedMessage.unpack(packed.stored(), packed.encoding())).isEqualTo(mime);
    }

    @Test
    void aShortOrIncompressibleMessageIsStoredAsItIs() {
        byte[] shortOne = "Subject: hi\r\n\r\nConfirm your address.\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[8_000];
        new Random(3).nextBytes(noise);
        for (byte[] mime : List.of(shortOne, noise)) {
            PackedMessage packed = PackedMessage.of(mime);
            assertThat(packed.encoding()).isNull();
            assertThat(packed.stored()).isSameAs(mime);
            assertThat(PackedMessage.unpack(packed.stored(), null)).isEqualTo(mime);
        }
    }

    @Test
    void aDamagedOrUnknownPackingIsAClearError() {
        byte[] stored = PackedMessage.of(digestLike(50)).stored();
        byte[] cut = Arrays.copyOf(stored, stored.length / 2);
        assertThatThrownBy(() -> PackedMessage.unpack(cut, PackedMessage.ZSTD)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PackedMessage.unpack(stored, "brotli"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("brotli");
    }
}
