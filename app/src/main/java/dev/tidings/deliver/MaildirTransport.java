package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers into a standard Maildir ({@code tmp/}, {@code new/}, {@code cur/}) that any mail client reads.
 *
 * <p>A message is written and synced to {@code tmp/}, then atomically renamed into {@code new/}, so a
 * reader of the Maildir never sees half a message. The file name is
 * {@code {epochSeconds}.{first 16 hex of sha256(Message-ID)}.tidings}; before writing, {@code new/} and
 * {@code cur/} (where clients move messages they have seen) are searched for that hash, so delivering the
 * same Message-ID again leaves the one file there is — this is what makes a retried digest harmless.
 *
 * <p>Thread-safe, and safe between processes (the server and a CLI command on the same data folder): the
 * check-then-write runs under a monitor and an exclusive lock on {@code .tidings-delivery.lock}.
 */
public final class MaildirTransport implements MailTransport {
    private static final String LOCK_FILE = ".tidings-delivery.lock";

    private final Path root;
    private final MimeComposer composer = new MimeComposer();

    /** Creates {@code tmp/}, {@code new/} and {@code cur/} under root when they are missing. */
    public MaildirTransport(Path root) {
        this.root = root;
        try {
            for (String sub : new String[] {"tmp", "new", "cur"}) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Maildir " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(OutgoingMail mail) throws DeliveryException {
        sendMime(mail.messageId(), mail.to(), composer.toBytes(mail), mail.date().getEpochSecond());
    }

    @Override
    public void sendMime(String messageId, String recipient, byte[] bytes) throws DeliveryException {
        sendMime(messageId, recipient, bytes, java.time.Instant.now().getEpochSecond());
    }

    /**
     * Delivers a batch under one lock, with one listing of {@code new/} and {@code cur/} and one sync of
     * {@code new/} for all of it, instead of one each per message; each file is still synced before its rename.
     */
    @Override
    public synchronized List<Optional<DeliveryException>> sendAll(List<ComposedMail> batch) {
        List<Optional<DeliveryException>> outcomes = new ArrayList<>(batch.size());
        long epochSecond = java.time.Instant.now().getEpochSecond();
        try (FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(lockChannel); // released when the channel closes
            Set<String> delivered = deliveredHashes();
            for (ComposedMail mail : batch) {
                String hash = hash(mail.messageId());
                if (!delivered.add(hash)) {
                    outcomes.add(Optional.empty()); // there already: the one copy stays
                    continue;
                }
                try {
                    write(hash, epochSecond, mail.mime());
                    outcomes.add(Optional.empty());
                } catch (IOException e) {
                    delivered.remove(hash);
                    outcomes.add(Optional.of(writeFailure(mail.messageId(), e)));
                }
            }
            syncDirectory(root.resolve("new"));
        } catch (IOException e) {
            while (outcomes.size() < batch.size()) {
                outcomes.add(Optional.of(writeFailure(batch.get(outcomes.size()).messageId(), e)));
            }
        }
        return outcomes;
    }

    private DeliveryException writeFailure(String messageId, IOException e) {
        return new DeliveryException("could not write " + messageId + " to the Maildir " + root + ": "
                + e.getMessage(), false, e);
    }

    /** Writes and syncs the message in {@code tmp/}, then renames it into {@code new/}. */
    private void write(String hash, long epochSecond, byte[] bytes) throws IOException {
        String name = epochSecond + "." + hash + ".tidings";
        Path tmp = root.resolve("tmp").resolve(name);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        moveIntoNew(tmp, root.resolve("new").resolve(name));
    }

    /** The Message-ID hashes of every file in new/ and cur/ (a client that read a message moves it to cur/). */
    private Set<String> deliveredHashes() throws IOException {
        Set<String> hashes = new HashSet<>();
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(sub))) {
                for (Path f : files) {
                    String[] parts = f.getFileName().toString().split("\\.", 3);
                    if (parts.length == 3) hashes.add(parts[1]);
                }
            }
        }
        return hashes;
    }

    private synchronized void sendMime(String messageId, String recipient, byte[] bytes, long epochSecond)
            throws DeliveryException {
        String hash = hash(messageId);
        String name = epochSecond + "." + hash + ".tidings";
        try (FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(lockChannel); // released when the channel closes
            if (alreadyDelivered(hash)) {
                return;
            }
            Path tmp = root.resolve("tmp").resolve(name);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            moveIntoNew(tmp, root.resolve("new").resolve(name));
            syncDirectory(root.resolve("new"));
        } catch (IOException e) {
            throw new DeliveryException("could not write " + messageId + " to the Maildir " + root + ": "
                    + e.getMessage(), false, e);
        }
    }

    /**
     * The exclusive lock; waits for another process, and also for another transport on the same Maildir in
     * this JVM, which the JDK reports as an overlapping lock instead of blocking.
     */
    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the Maildir lock");
                }
            }
        }
    }

    private static void moveIntoNew(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // tmp/ and new/ are siblings, so this only happens on exotic file systems; better late than lost.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Makes the rename durable: the caller records the message as sent once this returns, so a crash right
     * after must not lose it. Best effort where the platform cannot open a directory for syncing.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported here (e.g. Windows); the file itself was synced before the rename
        }
    }

    /** True when new/ or cur/ holds a file whose name carries this Message-ID hash. */
    private boolean alreadyDelivered(String hash) throws IOException {
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(sub), "*." + hash + ".*")) {
                if (files.iterator().hasNext()) {
                    return true;
                }
            }
        }
        return false;
    }

    static String hash(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The Maildir's root folder. */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "maildir:" + root;
    }

    @Override
    public void close() {
        // nothing held between sends
    }
}
