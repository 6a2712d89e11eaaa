package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends through an SMTP server, over one connection that is kept open between messages and reopened when
 * the server dropped it.
 *
 * <p>Reply codes decide what a failure means: a 4xx reply (greylisting, a full queue) is transient, a 5xx
 * reply (no such user, rejected as spam) is permanent; a connection or authentication failure is transient,
 * since it says nothing about the message and may be fixed by the next attempt or by the operator.
 *
 * <p>Sockets have TCP_NODELAY set: SMTP is a dialogue of small writes, and with Nagle's algorithm against
 * the server's delayed ACK a connection tops out at about 22 messages a second.
 *
 * <p>Thread-safe: sends on one transport are serialised, as SMTP does on one connection.
 */
public final class SmtpTransport implements MailTransport {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Settings settings;
    private final Session session;
    private final MimeComposer composer = new MimeComposer();
    private Transport transport; // guarded by this; non-null while we believe it is connected

    public SmtpTransport(Settings settings) {
        this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * With the TLS sockets (and so the trusted certificates) for smtps:// and STARTTLS given; the server's
     * name is still checked against its certificate. For tests against a server with a test certificate.
     */
    SmtpTransport(Settings settings, SSLSocketFactory tls) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(settings.properties(tls));
    }

    @Override
    public void send(OutgoingMail mail) throws DeliveryException {
        sendMime(mail.messageId(), mail.to(), composer.toBytes(mail));
    }

    @Override
    public synchronized void sendMime(String messageId, String to, byte[] bytes) throws DeliveryException {
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(to, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new DeliveryException("'" + to + "' is not a valid recipient address", true, e);
        }
        MimeMessage message;
        try {
            // Parsed back from the composer's bytes so that what is sent is exactly what a Maildir would hold;
            // a parsed message is written out unchanged (no new Message-ID, no re-encoding).
            message = new MimeMessage(session, new ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new DeliveryException("could not read back the composed message " + messageId, true, e);
        }
        boolean reused = transport != null;
        try {
            transmit(message, recipient);
        } catch (MessagingException first) {
            if (replyCode(first) == 0 && reused) {
                // Most likely the server closed an idle connection: one more try on a fresh one.
                disconnect();
                try {
                    transmit(message, recipient);
                    return;
                } catch (MessagingException second) {
                    throw failure(messageId, second);
                }
            }
            throw failure(messageId, first);
        }
    }

    private void transmit(MimeMessage message, InternetAddress recipient) throws MessagingException {
        if (transport == null) {
            Transport fresh = session.getTransport(settings.protocol());
            fresh.connect(settings.host(), settings.port(), settings.user(), settings.password());
            transport = fresh;
        }
        try {
            transport.sendMessage(message, new Address[] {recipient});
        } catch (MessagingException e) {
            if (replyCode(e) == 0) {
                disconnect(); // the connection is in an unknown state
            }
            throw e;
        }
    }

    private DeliveryException failure(String messageId, MessagingException e) {
        int code = replyCode(e);
        String what = "the SMTP server " + settings.hostAndPort();
        if (e instanceof AuthenticationFailedException) {
            return new DeliveryException(what + " refused the credentials: " + e.getMessage(), false, e);
        }
        if (code >= 500) {
            return new DeliveryException(what + " refused " + messageId + " for good (" + code + "): "
                    + firstLine(e), true, e);
        }
        if (code >= 400) {
            return new DeliveryException(what + " deferred " + messageId + " (" + code + "): "
                    + firstLine(e), false, e);
        }
        return new DeliveryException("could not send " + messageId + " through " + what + ": "
                + firstLine(e), false, e);
    }

    /**
     * The SMTP reply code a failure carries, or 0 when it has none (a connection problem). A refused
     * sender or recipient is the most telling, so its code wins over the summary exception's.
     */
    static int replyCode(Throwable e) {
        int summary = 0;
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) return a.getReturnCode();
            if (t instanceof SMTPSenderFailedException s) return s.getReturnCode();
            if (t instanceof SMTPSendFailedException f && summary == 0) summary = f.getReturnCode();
        }
        return summary;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String firstLine(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = next(t)) {
            if (t.getMessage() != null) deepest = t;
        }
        String message = String.valueOf(deepest.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private void disconnect() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection: nothing left to save
            }
            transport = null;
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public synchronized void close() {
        disconnect();
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

        Properties properties() {
            return properties((SSLSocketFactory) SSLSocketFactory.getDefault());
        }

        Properties properties(SSLSocketFactory tls) {
            String p = "mail." + protocol + ".";
            Properties props = new Properties();
            props.put(p + "host", host);
            props.put(p + "port", Integer.toString(port));
            props.put(p + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
            props.put(p + "timeout", Integer.toString(READ_TIMEOUT_MILLIS));
            props.put(p + "writetimeout", Integer.toString(READ_TIMEOUT_MILLIS));
            props.put(p + "auth", Boolean.toString(user != null));
            props.put(p + "ssl.checkserveridentity", "true");
            if (starttls) {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                // the factory STARTTLS wraps the plain socket with
                props.put(p + "ssl.socketFactory", new NoDelaySslSocketFactory(tls));
            }
            if (protocol.equals("smtps")) {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.socketFactory", new NoDelaySslSocketFactory(tls));
            } else {
                props.put(p + "socketFactory", new NoDelaySocketFactory());
            }
            return props;
        }
    }

    /** Plain sockets with TCP_NODELAY (see the class comment for why). */
    static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(new Socket(address, port, localAddress, localPort));
        }
    }

    /** TLS sockets with TCP_NODELAY, for smtps:// (STARTTLS upgrades a socket that already has it). */
    static final class NoDelaySslSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        NoDelaySslSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            socket.setTcpNoDelay(true);
            return noDelay(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
