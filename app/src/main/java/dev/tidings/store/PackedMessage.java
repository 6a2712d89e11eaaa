package dev.tidings.store;

import com.github.luben.zstd.Zstd;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * A message as the outbox keeps it: the bytes to send, and the form they are stored in. A digest's 50 KB of
 * HTML and text, mostly the same inline styles again and again, packs about seven to one with Zstandard at
 * level 1 (0.1 ms a message), and writing it is what a round of digests waits on: the claims are SQLite's
 * single writer, so seven times fewer pages written and checkpointed is time taken off the round's serial
 * part, while packing runs beside the building of other digests.
 *
 * <p>{@link #encoding} is {@code null} when the stored bytes are the message itself: a short message, or one
 * that packing would not make smaller, is stored as it is, as every message was before packing came in. So is
 * every message when Zstandard's native library cannot be loaded here (a temporary folder mounted noexec, a
 * platform zstd-jni has no build for): sending must not depend on packing.
 *
 * @param mime     the message, as it is sent
 * @param stored   what the database keeps
 * @param encoding how {@code stored} is packed ({@value #ZSTD}), or null when {@code stored} is {@code mime}
 */
public record PackedMessage(byte[] mime, byte[] stored, String encoding) {
    /** Zstandard, one frame with the unpacked size in its header. */
    public static final String ZSTD = "zstd";
    /** Below this many bytes packing saves too little to be worth a frame. */
    private static final int WORTH_PACKING = 1024;
    /** Fast, and within a tenth of the ratio of level 3 on digests. */
    private static final int LEVEL = 1;
    /** Whether the native library loaded: tried once, and said once in the log when it did not. */
    private static final boolean PACKING = nativeLibraryLoads();

    public PackedMessage {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(stored, "stored");
        if (encoding != null && !encoding.equals(ZSTD)) throw new IllegalArgumentException("unknown encoding " + encoding);
    }

    /** The message packed when that makes it smaller. */
    public static PackedMessage of(byte[] mime) {
        if (mime.length < WORTH_PACKING || !PACKING) return new PackedMessage(mime, mime, null);
        byte[] packed = Zstd.compress(mime, LEVEL);
        return packed.length < mime.length ? new PackedMessage(mime, packed, ZSTD) : new PackedMessage(mime, mime, null);
    }

    /** The message from what the database keeps and how it was packed. */
    public static byte[] unpack(byte[] stored, String encoding) {
        if (encoding == null || stored == null) return stored;
        if (!encoding.equals(ZSTD)) throw new IllegalStateException("an outbox message packed as '" + encoding
                + "', which this version cannot read");
        if (!PACKING) throw new IllegalStateException("an outbox message packed with Zstandard, whose native library"
                + " did not load here: see the warning at start-up");
        long size = Zstd.getFrameContentSize(stored);
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an outbox message whose packed frame gives no usable size (" + size + ")");
        }
        byte[] mime = Zstd.decompress(stored, (int) size);
        if (mime.length != size) throw new IllegalStateException("an outbox message unpacked to " + mime.length
                + " bytes, not the " + size + " its frame names");
        return mime;
    }

    private static boolean nativeLibraryLoads() {
        try {
            Zstd.compress(new byte[WORTH_PACKING], LEVEL);
            return true;
        } catch (LinkageError e) {
            LoggerFactory.getLogger(PackedMessage.class).warn("outbox messages are stored unpacked: Zstandard's native"
                    + " library did not load ({})", e.toString());
            return false;
        }
    }
}
