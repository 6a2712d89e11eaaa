package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends through an SMTP server with our own client (not Jakarta Mail's), over one connection that is kept
 * open between messages and reopened when the server dropped it.
 *
 * <p><b>Speed.</b> When the server offers PIPELINING (RFC 2920), a message costs one round trip: MAIL FROM,
 * RCPT TO and DATA leave together, and the end of one message's data leaves together with the next
 * message's MAIL FROM, RCPT TO and DATA, so the server's "250 queued" for one message and its replies to
 * the next envelope come back in one read. (The data itself must wait for the 354 reply to DATA.) Without
 * PIPELINING each command waits for its reply, as RFC 5321 requires. Sockets have TCP_NODELAY set: SMTP
 * is a dialogue of small writes, and with Nagle's algorithm against the server's delayed ACK a connection
 * tops out at about 22 messages a second. Data is dot-stuffed in one pass over the composed bytes.
 *
 * <p><b>Outcomes.</b> Each message's replies decide what its failure means: a 4xx reply (greylisting, a
 * full queue) is transient, a 5xx reply (no such user, rejected as spam) is permanent, the reply to RCPT TO
 * being the most telling. A connection, TLS or authentication failure is transient, since it says nothing
 * about the message and may be fixed by the next attempt or by the operator. A connection that dies after
 * it carried a message is taken to have been dropped while idle: the messages whose fate is unknown get
 * one more try on a fresh connection.
 *
 * <p><b>Timeouts.</b> Connecting gives up after {@value #CONNECT_TIMEOUT_MILLIS} ms, waiting for a reply
 * after {@value #READ_TIMEOUT_MILLIS} ms, and a write that makes no progress (a server that accepted the
 * connection but stopped reading, so its receive window stays full) after {@value #WRITE_TIMEOUT_MILLIS} ms.
 * A socket has no write timeout of its own, so a watchdog thread of this transport closes a connection whose
 * write is stuck at its deadline; the blocked sender then fails with a message that says the server stopped
 * reading. Every timeout is a transient failure: the outbox tries the message again after its back-off.
 *
 * <p>Thread-safe: sends on one transport are serialised, as SMTP does on one connection; for parallel
 * sessions use several transports.
 */
public final class SmtpTransport implements MailTransport {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;
    static final int WRITE_TIMEOUT_MILLIS = 30_000;

    /**
     * How long a session waits: to connect, for a reply, and for a write to make progress (each write to
     * the socket, at most {@link SmtpConnection#WRITE_CHUNK} bytes, must be taken by the server in that time).
     */
    record Timeouts(java.time.Duration connect, java.time.Duration read, java.time.Duration write) {
        static final Timeouts DEFAULT = new Timeouts(java.time.Duration.ofMillis(CONNECT_TIMEOUT_MILLIS),
                java.time.Duration.ofMillis(READ_TIMEOUT_MILLIS), java.time.Duration.ofMillis(WRITE_TIMEOUT_MILLIS));

        Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(write, "write");
        }
    }

    private final Settings settings;
    private final SSLSocketFactory tls;
    private final Timeouts timeouts;
    /**
     * Closes a connection whose write is stuck past its deadline. One thread at most, started on the first
     * write and gone again after a minute without writes, so an idle transport holds no thread.
     */
    private final ScheduledThreadPoolExecutor watchdog;
    private final MimeComposer composer = new MimeComposer();
    private SmtpConnection connection; // guarded by this; non-null while we believe it is open

    public SmtpTransport(Settings settings) {
        this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * With the TLS sockets (and so the trusted certificates) for smtps:// and STARTTLS given; the server's
     * name is still checked against its certificate. For tests against a server with a test certificate.
     */
    SmtpTransport(Settings settings, SSLSocketFactory tls) {
        this(settings, tls, Timeouts.DEFAULT);
    }

    /** With other timeouts: for tests that cannot wait half a minute for a stalled server. */
    SmtpTransport(Settings settings, SSLSocketFactory tls, Timeouts timeouts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tidings-smtp-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setKeepAliveTime(1, TimeUnit.MINUTES);
        watchdog.allowCoreThreadTimeOut(true);
        watchdog.setRemoveOnCancelPolicy(true); // a write that finished in time leaves nothing queued
    }

    @Override
    public void send(OutgoingMail mail) throws DeliveryException {
        sendMime(mail.messageId(), mail.to(), composer.toBytes(mail));
    }

    @Override
    public void sendMime(String messageId, String recipient, byte[] mime) throws DeliveryException {
        Optional<DeliveryException> failure = sendAll(List.of(new ComposedMail(messageId, recipient, mime))).get(0);
        if (failure.isPresent()) throw failure.get();
    }

    @Override
    public synchronized List<Optional<DeliveryException>> sendAll(List<ComposedMail> batch) {
        @SuppressWarnings("unchecked")
        Optional<DeliveryException>[] outcomes = new Optional[batch.size()];
        List<Transaction> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ComposedMail mail = batch.get(i);
            try {
                pending.add(new Transaction(i, mail, "MAIL FROM:<" + envelopeSender(mail) + ">",
                        "RCPT TO:<" + address(mail.recipient(), "recipient") + ">"));
            } catch (DeliveryException e) {
                outcomes[i] = Optional.of(e);
            }
        }
        while (!pending.isEmpty()) {
            try {
                if (connection == null) connection = SmtpConnection.open(settings, tls, timeouts, watchdog);
                send(connection, pending, outcomes);
                pending = List.of();
            } catch (IOException e) {
                boolean carriedSome = connection != null && connection.messages > 0;
                drop();
                pending = pending.stream().filter(t -> outcomes[t.index] == null).toList();
                if (!carriedSome) {
                    // Not a connection the server dropped after use: trying again at once would fail the same way.
                    for (Transaction t : pending) outcomes[t.index] = Optional.of(connectionFailure(t.mail, e));
                    pending = List.of();
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    /** One message's transaction; its outcome is decided once the replies are in. */
    private record Transaction(int index, ComposedMail mail, String mailFrom, String rcptTo) {}

    /**
     * Runs the transactions on this connection, filling in the outcome of each as its replies arrive. Throws
     * when the connection fails; outcomes filled in so far stand, the others are unknown.
     */
    private void send(SmtpConnection c, List<Transaction> transactions, Optional<DeliveryException>[] outcomes)
            throws IOException {
        boolean pipelining = c.offers("PIPELINING");
        String body = c.offers("8BITMIME") ? " BODY=8BITMIME" : "";
        if (pipelining) writeEnvelope(c, transactions.get(0), body);
        for (int k = 0; k < transactions.size(); k++) {
            Transaction t = transactions.get(k);
            Transaction next = pipelining && k + 1 < transactions.size() ? transactions.get(k + 1) : null;
            SmtpConnection.Reply mail;
            SmtpConnection.Reply rcpt = null;
            SmtpConnection.Reply data = null;
            if (pipelining) {
                c.flush();
                mail = c.read();
                rcpt = c.read();
                data = c.read();
            } else {
                mail = c.command(t.mailFrom + body);
                if (mail.positive()) rcpt = c.command(t.rcptTo);
                if (rcpt != null && rcpt.positive()) data = c.command("DATA");
            }
            boolean envelopeAccepted = mail.positive() && rcpt != null && rcpt.positive();
            if (data != null && data.code() == 354) {
                // With a refused envelope a pipelining server may still answer DATA with 354: end an empty message.
                c.writeData(envelopeAccepted ? t.mail.mime() : new byte[0]);
                if (next != null) writeEnvelope(c, next, body);
                c.flush();
                SmtpConnection.Reply end = c.read();
                c.messages++;
                outcomes[t.index] = envelopeAccepted && end.code() == 250 ? Optional.empty()
                        : Optional.of(refusal(t.mail, envelopeAccepted ? end : mostTelling(mail, rcpt, data)));
            } else {
                outcomes[t.index] = Optional.of(refusal(t.mail, mostTelling(mail, rcpt, data)));
                // The transaction may be half open (MAIL accepted): start the next one clean.
                c.write("RSET");
                if (next != null) writeEnvelope(c, next, body);
                c.flush();
                SmtpConnection.Reply reset = c.read();
                if (!reset.positive()) throw new IOException("the SMTP server refused RSET: " + reset.code());
            }
        }
    }

    private static void writeEnvelope(SmtpConnection c, Transaction t, String body) throws IOException {
        c.write(t.mailFrom + body);
        c.write(t.rcptTo);
        c.write("DATA");
    }

    /** The refused recipient says most; then a refused sender; then whatever DATA got. */
    private static SmtpConnection.Reply mostTelling(SmtpConnection.Reply mail, SmtpConnection.Reply rcpt,
                                                    SmtpConnection.Reply data) {
        if (rcpt != null && !rcpt.positive()) return rcpt;
        if (!mail.positive()) return mail;
        return data;
    }

    private DeliveryException refusal(ComposedMail mail, SmtpConnection.Reply reply) {
        String what = "the SMTP server " + settings.hostAndPort();
        if (reply.code() >= 500) {
            return new DeliveryException(what + " refused " + mail.messageId() + " for good (" + reply.code() + "): "
                    + reply.firstLine(), true, null);
        }
        return new DeliveryException(what + " deferred " + mail.messageId() + " (" + reply.code() + "): "
                + reply.firstLine(), false, null);
    }

    private DeliveryException connectionFailure(ComposedMail mail, IOException e) {
        if (e instanceof SmtpConnection.SessionRefused) {
            return new DeliveryException("could not send " + mail.messageId() + ": " + e.getMessage(), false, e);
        }
        if (e instanceof SmtpConnection.WriteStalled) {
            return new DeliveryException("could not send " + mail.messageId() + ": " + e.getMessage(), false, e);
        }
        String why = e instanceof SSLException ? "TLS failed: " + e.getMessage() : e.toString();
        return new DeliveryException("could not send " + mail.messageId() + " through the SMTP server "
                + settings.hostAndPort() + ": " + why, false, e);
    }

    /** A strictly parsed address, as it goes between angle brackets; refused for good when it is not one. */
    static String address(String text, String role) throws DeliveryException {
        try {
            if (text == null || text.isBlank() || text.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
                throw new AddressException("empty, or has a space or control character");
            }
            InternetAddress parsed = new InternetAddress(text, true);
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new DeliveryException("'" + text + "' is not a valid " + role + " address", true, e);
        }
    }

    /** The envelope sender: the address in the message's From header, as Jakarta Mail would have used. */
    static String envelopeSender(ComposedMail mail) throws DeliveryException {
        String from = header(mail.mime(), "from");
        if (from == null) throw new DeliveryException(mail.messageId() + " has no From header", true, null);
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        String address = open >= 0 && close > open ? from.substring(open + 1, close) : from.strip();
        return address(address, "sender");
    }

    /** The unfolded value of the first header of that (lower-case) name, or null; reads only the header block. */
    static String header(byte[] mime, String name) {
        int i = 0;
        while (i < mime.length) {
            int end = i;
            while (end < mime.length && mime[end] != '\n') end++;
            int lineEnd = end > i && mime[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == i) return null; // the blank line: end of the headers
            if (lineEnd - i > name.length() && mime[i + name.length()] == ':'
                    && new String(mime, i, name.length(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).equals(name)) {
                StringBuilder value = new StringBuilder(new String(mime, i + name.length() + 1, lineEnd - i - name.length() - 1,
                        StandardCharsets.UTF_8));
                // continuation lines start with white space
                for (i = end + 1; i < mime.length && (mime[i] == ' ' || mime[i] == '\t'); i = end + 1) {
                    end = i;
                    while (end < mime.length && mime[end] != '\n') end++;
                    lineEnd = end > i && mime[end - 1] == '\r' ? end - 1 : end;
                    value.append(new String(mime, i, lineEnd - i, StandardCharsets.UTF_8));
                }
                return value.toString().strip();
            }
            i = end + 1;
        }
        return null;
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.quit();
            connection = null;
        }
    }

    /**
     * Where and how to connect, parsed from {@code smtp://[user:pass@]host[:port][?starttls=true]} or
     * {@code smtps://[user:pass@]host[:port]}. User and password are percent-decoded.
     */
    public record Settings(String protocol, String host, int port, String user, String password, boolean starttls) {
        public Settings {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(host, "host");
        }

        /** Without the password, which must never reach a log. */
        @Override
        public String toString() {
            return describe() + (user == null ? "" : " as " + user);
        }

        static Settings parse(URI uri) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("The mail URL " + withoutCredentials(uri.toString()) + " names no host.");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("smtps") ? 465 : 25;
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            }
            boolean starttls = false;
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    if (pair.isEmpty()) continue;
                    String[] kv = pair.split("=", 2);
                    String value = kv.length > 1 ? decode(kv[1]) : "true";
                    if (kv[0].equalsIgnoreCase("starttls")) {
                        starttls = Boolean.parseBoolean(value);
                    } else {
                        throw new IllegalArgumentException("The mail URL has an unknown option '" + kv[0]
                                + "' (the only one is starttls=true).");
                    }
                }
            }
            if (starttls && scheme.equals("smtps")) {
                throw new IllegalArgumentException("The mail URL asks for starttls on smtps://, which is already TLS.");
            }
            return new Settings(scheme, uri.getHost(), port, user, password, starttls);
        }

        private static String decode(String raw) {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        /** A URL with any {@code user:pass@} taken out, fit for logs and error messages. */
        static String withoutCredentials(String url) {
            return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
        }

        String hostAndPort() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        String describe() {
            return protocol + "://" + hostAndPort() + (starttls ? "?starttls=true" : "");
        }
    }
}
