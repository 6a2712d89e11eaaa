package dev.tidings.story;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The binary form of a story index: its flat arrays copied in bulk, little-endian, followed by a CRC-32C of
 * all that came before. Bulk copies of primitive arrays are what makes reading a million articles' index
 * take about as long as reading the bytes; decoding them row by row is what a start does without it.
 *
 * <p>A reader is given the length of what it reads and refuses any array that would not fit in what is
 * left, so a damaged length fails with an {@link IOException} instead of a huge allocation; a damaged value
 * elsewhere fails the checksum at the end.
 */
final class IndexImage {
    private static final int BUFFER = 1 << 20;

    private IndexImage() {
    }

    /** Writes in bulk through one direct buffer, summing every byte. */
    static final class Out {
        private final WritableByteChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        Out(WritableByteChannel channel) {
            this.channel = channel;
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) flush();
        }

        private void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) channel.write(buffer);
            buffer.clear();
        }

        void putInt(int v) throws IOException {
            room(4);
            buffer.putInt(v);
        }

        void putLong(long v) throws IOException {
            room(8);
            buffer.putLong(v);
        }

        void putString(String s) throws IOException {
            putBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** A length, then the bytes. */
        void putBytes(byte[] a) throws IOException {
            putInt(a.length);
            putBytes(a, a.length);
        }

        void putBytes(byte[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                room(1);
                int n = Math.min(count - done, buffer.remaining());
                buffer.put(a, done, n);
                done += n;
            }
        }

        void putInts(int[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                room(4);
                int n = Math.min(count - done, buffer.remaining() / 4);
                buffer.asIntBuffer().put(a, done, n);
                buffer.position(buffer.position() + 4 * n);
                done += n;
            }
        }

        void putLongs(long[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                room(8);
                int n = Math.min(count - done, buffer.remaining() / 8);
                buffer.asLongBuffer().put(a, done, n);
                buffer.position(buffer.position() + 8 * n);
                done += n;
            }
        }

        void putChars(char[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                room(2);
                int n = Math.min(count - done, buffer.remaining() / 2);
                buffer.asCharBuffer().put(a, done, n);
                buffer.position(buffer.position() + 2 * n);
                done += n;
            }
        }

        /** Writes what is buffered and then the checksum of everything. */
        void finish() throws IOException {
            flush();
            buffer.putInt((int) crc.getValue());
            buffer.flip();
            while (buffer.hasRemaining()) channel.write(buffer);
            buffer.clear();
        }
    }

    /** Reads what {@link Out} wrote, checking lengths against what is left and the checksum at the end. */
    static final class In {
        private final ReadableByteChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        /** Bytes not yet taken into the buffer, checksum included. */
        private long unread;

        In(ReadableByteChannel channel, long length) {
            this.channel = channel;
            this.unread = length;
            buffer.limit(0);
        }

        /** Bytes left before the checksum. */
        private long left() {
            return buffer.remaining() + unread - 4;
        }

        private void need(int bytes) throws IOException {
            if (buffer.remaining() >= bytes) return;
            if (left() < bytes) throw new EOFException("story index image ends early");
            buffer.compact();
            int from = buffer.position();
            int want = (int) Math.min(buffer.remaining(), unread - 4);
            buffer.limit(from + want);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) throw new EOFException("story index image ends early");
            }
            unread -= want;
            // Each byte is summed once, as it arrives.
            crc.update(buffer.duplicate().position(from));
            buffer.flip();
        }

        /** A count of elements of {@code width} bytes, refused when they cannot be in what is left. */
        int count(int width) throws IOException {
            int n = getInt();
            if (n < 0 || (long) n * width > left()) throw new IOException("story index image is damaged (length " + n + ")");
            return n;
        }

        int getInt() throws IOException {
            need(4);
            return buffer.getInt();
        }

        long getLong() throws IOException {
            need(8);
            return buffer.getLong();
        }

        String getString() throws IOException {
            byte[] b = new byte[count(1)];
            getBytes(b, b.length);
            return new String(b, StandardCharsets.UTF_8);
        }

        byte[] getBytes() throws IOException {
            byte[] b = new byte[count(1)];
            getBytes(b, b.length);
            return b;
        }

        void getBytes(byte[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                need(1);
                int n = Math.min(count - done, buffer.remaining());
                buffer.get(a, done, n);
                done += n;
            }
        }

        void getInts(int[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                need(4);
                int n = Math.min(count - done, buffer.remaining() / 4);
                buffer.asIntBuffer().get(a, done, n);
                buffer.position(buffer.position() + 4 * n);
                done += n;
            }
        }

        void getLongs(long[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                need(8);
                int n = Math.min(count - done, buffer.remaining() / 8);
                buffer.asLongBuffer().get(a, done, n);
                buffer.position(buffer.position() + 8 * n);
                done += n;
            }
        }

        void getChars(char[] a, int count) throws IOException {
            for (int done = 0; done < count; ) {
                need(2);
                int n = Math.min(count - done, buffer.remaining() / 2);
                buffer.asCharBuffer().get(a, done, n);
                buffer.position(buffer.position() + 2 * n);
                done += n;
            }
        }

        /** Checks that everything was read and that the checksum matches. */
        void finish() throws IOException {
            if (left() != 0) throw new IOException("story index image has " + left() + " bytes too many");
            buffer.clear().limit(4);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) throw new EOFException("story index image ends early");
            }
            buffer.flip();
            if (buffer.getInt() != (int) crc.getValue()) throw new IOException("story index image is damaged (checksum)");
        }
    }
}
