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
     * {@code new/} for all of it, instead of one each per message. Every file is still synced before its rename,
     * but the batch is written in full before the first sync: the file system then commits the writes together
     * and the later syncs find little left to do, where a write-sync-write-sync pattern pays a journal commit
     * per message (what limited the alert rate under load).
     */
    @Override
    public synchronized List<Optional<DeliveryException>> sendAll(List<ComposedMail> batch) {
        List<Optional<DeliveryException>> outcomes = new ArrayList<>(batch.size());
        long epochSecond = java.time.Instant.now().getEpochSecond();
        try (FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(lockChannel); // released when the channel closes
            Set<String> delivered = deliveredHashes();
            // index in the batch -> file written to tmp/, still to be synced and renamed
            java.util.Map<Integer, Path> written = new java.util.LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                ComposedMail mail = batch.get(i);
                String hash = hash(mail.messageId());
                outcomes.add(Optional.empty()); // there already, or written below: the one copy stays
                if (!delivered.add(hash)) continue;
                Path tmp = root.resolve("tmp").resolve(epochSecond + "." + hash + ".tidings");
                try {
                    writeUnsynced(tmp, mail.mime());
                    written.put(i, tmp);
                } catch (IOException e) {
                    outcomes.set(i, Optional.of(writeFailure(mail.messageId(), e)));
                }
            }
            for (java.util.Map.Entry<Integer, Path> e : written.entrySet()) {
                Path tmp = e.getValue();
                try {
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        out.force(false); // the data and the size: all a reader of the file needs
                    }
                    moveIntoNew(tmp, root.resolve("new").resolve(tmp.getFileName()));
                } catch (IOException failure) {
                    outcomes.set(e.getKey(), Optional.of(writeFailure(batch.get(e.getKey()).messageId(), failure)));
                }
            }
            syncDirectory(root.resolve("new"));
        } catch (IOException e) {
            for (int i = 0; i < batch.size(); i++) {
                if (i >= outcomes.size()) outcomes.add(Optional.of(writeFailure(batch.get(i).messageId(), e)));
                else if (outcomes.get(i).isEmpty()) outcomes.set(i, Optional.of(writeFailure(batch.get(i).messageId(), e)));
            }
        }
        return outcomes;
    }

    /** Writes the message to {@code tmp/} without syncing it; {@link #sendAll} syncs it before the rename. */
    private static void writeUnsynced(Path tmp, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    private DeliveryException writeFailure(String messageId, IOException e) {
        return new DeliveryException("could not write " + messageId + " to the Maildir " + root + ": "
                + e.getMessage(), false, e);
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
