package dev.tidings.deliver;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SMTP session: the greeting, EHLO, STARTTLS, AUTH, and the raw reads and writes the transaction loop
 * in {@link SmtpTransport} drives. Not thread-safe; the transport serialises its use.
 *
 * <p>Writes go to a 64 KB buffer that is flushed only when a reply is awaited, so a pipelined group of
 * commands (and a message's data) leaves in as few TCP segments as the kernel allows; TCP_NODELAY is on, so
 * the last segment of a group is not held back waiting for an ACK.
 *
 * <p>Every write to the socket has a deadline ({@link SmtpTransport.Timeouts#write()}): the transport's
 * watchdog closes the TCP socket under a write still blocked at its deadline, which is the only way to
 * unblock it, and the write then fails with {@link WriteStalled}. Reads have the socket's own timeout.
 */
final class SmtpConnection implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};

    private final SmtpTransport.Settings settings;
    private final SSLSocketFactory tls;
    private final SmtpTransport.Timeouts timeouts;
    private final ScheduledExecutorService watchdog;
    /** The TCP socket under any TLS: what the watchdog closes. */
    private Socket tcp;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();
    private String authMechanisms = "";
    /** Messages this session carried to the end of their data, successful or not. */
    int messages;

    private SmtpConnection(SmtpTransport.Settings settings, SSLSocketFactory tls, SmtpTransport.Timeouts timeouts,
                           ScheduledExecutorService watchdog) {
        this.settings = settings;
        this.tls = tls;
        this.timeouts = timeouts;
        this.watchdog = watchdog;
    }

    /** A reply: its code and its lines' text joined, for messages. */
    record Reply(int code, String text) {
        boolean positive() {
            return code >= 200 && code < 400;
        }

        String firstLine() {
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    /**
     * A refusal before any message could be sent (greeting, STARTTLS, AUTH): never permanent, since it says
     * nothing about a message and the operator may fix it.
     */
    static final class SessionRefused extends IOException {
        SessionRefused(String message) {
            super(message);
        }
    }

    /**
     * A write that the server did not take in time: it stopped reading (or the network stalled), and the
     * connection was closed under it.
     */
    static final class WriteStalled extends SocketTimeoutException {
        WriteStalled(String message) {
            super(message);
        }
    }

    /**
     * Connects, reads the greeting, says EHLO, upgrades to TLS and authenticates as the settings ask.
     *
     * @param watchdog runs the deadlines of writes; it must outlive the connection
     */
    static SmtpConnection open(SmtpTransport.Settings settings, SSLSocketFactory tls, SmtpTransport.Timeouts timeouts,
                               ScheduledExecutorService watchdog) throws IOException {
        SmtpConnection c = new SmtpConnection(settings, tls, timeouts, watchdog);
        try {
            c.handshake();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void handshake() throws IOException {
        Socket plain = new Socket();
        tcp = plain;
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(settings.host(), settings.port()), millis(timeouts.connect()));
        plain.setSoTimeout(millis(timeouts.read()));
        use(settings.protocol().equals("smtps") ? secure(plain) : plain);
        Reply greeting = read();
        if (greeting.code() != 220) throw refused("greeted us with", greeting);
        hello();
        if (settings.starttls()) {
            if (!extensions.contains("STARTTLS")) {
                throw new SessionRefused("the SMTP server " + settings.hostAndPort()
                        + " does not offer STARTTLS, and nothing is sent in clear when starttls=true");
            }
            Reply go = command("STARTTLS");
            if (go.code() != 220) throw refused("refused STARTTLS with", go);
            use(secure(socket));
            hello(); // what the server offers may change once the session is private
        }
        if (settings.user() != null && !authMechanisms.isEmpty()) authenticate();
    }

    private void hello() throws IOException {
        String name = "localhost";
        Reply ehlo = command("EHLO " + name);
        extensions.clear();
        authMechanisms = "";
        if (ehlo.code() == 250) {
            String[] lines = ehlo.text().split("\n");
            for (int i = 1; i < lines.length; i++) { // the first line is the server's name
                String line = lines[i].strip().toUpperCase(Locale.ROOT);
                int space = line.indexOf(' ');
                String keyword = space < 0 ? line : line.substring(0, space);
                extensions.add(keyword);
                if (keyword.equals("AUTH") && space > 0) authMechanisms = " " + line.substring(space + 1) + " ";
            }
            return;
        }
        Reply helo = command("HELO " + name); // a server from before ESMTP
        if (helo.code() != 250) throw refused("refused HELO with", helo);
    }

    private void authenticate() throws IOException {
        String user = settings.user();
        String password = settings.password() == null ? "" : settings.password();
        Reply done;
        if (authMechanisms.contains(" PLAIN ")) {
            done = command("AUTH PLAIN " + base64("\0" + user + "\0" + password));
        } else if (authMechanisms.contains(" LOGIN ")) {
            done = command("AUTH LOGIN");
            if (done.code() == 334) done = command(base64(user));
            if (done.code() == 334) done = command(base64(password));
        } else {
            throw new SessionRefused("the SMTP server " + settings.hostAndPort()
                    + " offers neither AUTH PLAIN nor AUTH LOGIN (it offers" + authMechanisms + ")");
        }
        if (done.code() != 235) throw refused("refused the credentials:", done);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private SessionRefused refused(String what, Reply reply) {
        return new SessionRefused("the SMTP server " + settings.hostAndPort() + " " + what + " " + reply.code()
                + " " + reply.firstLine());
    }

    /** Wraps the connected socket in TLS and checks the server's certificate against the host name. */
    private Socket secure(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818 host name rules, as for mail servers
        s.setSSLParameters(params);
        s.setUseClientMode(true);
        s.startHandshake();
        return s;
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8 * 1024);
        out = new BufferedOutputStream(new Deadlined(s.getOutputStream()), 64 * 1024);
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** The largest piece written to the socket under one deadline, so a large message on a slow link is not cut. */
    static final int WRITE_CHUNK = 64 * 1024;

    /**
     * The socket's output, each write of at most {@link #WRITE_CHUNK} bytes under a deadline: a write still
     * blocked when the deadline passes has its TCP socket closed by the watchdog and fails as {@link WriteStalled}.
     */
    private final class Deadlined extends OutputStream {
        private final OutputStream socketOut;
        private volatile boolean stalled;

        Deadlined(OutputStream socketOut) {
            this.socketOut = socketOut;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int from = off, end = off + len; from < end; from += WRITE_CHUNK) {
                int n = Math.min(WRITE_CHUNK, end - from);
                ScheduledFuture<?> deadline = watchdog.schedule(this::stall, timeouts.write().toNanos(), TimeUnit.NANOSECONDS);
                try {
                    socketOut.write(b, from, n);
                } catch (IOException e) {
                    if (stalled) throw stalledError(e);
                    throw e;
                } finally {
                    deadline.cancel(false);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            socketOut.flush();
        }

        private void stall() {
            stalled = true;
            try {
                tcp.close(); // unblocks the write: a blocked socket write has no timeout of its own
            } catch (IOException ignored) {
                // closed already
            }
        }

        private WriteStalled stalledError(IOException cause) {
            WriteStalled e = new WriteStalled("the SMTP server " + settings.hostAndPort() + " stopped reading: a write"
                    + " made no progress for " + timeouts.write().toMillis() + " ms, so the connection was closed");
            e.initCause(cause);
            return e;
        }
    }

    boolean tcpNoDelay() throws IOException {
        return socket.getTcpNoDelay();
    }

    boolean offers(String extension) {
        return extensions.contains(extension);
    }

    /** Writes a command without sending it: it leaves with the next {@link #flush}. */
    void write(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Writes, sends and waits for the reply. */
    Reply command(String command) throws IOException {
        write(command);
        out.flush();
        return read();
    }

    /**
     * Writes a message's data and the line with the single dot that ends it, in one pass over the bytes: a
     * dot that starts a line is doubled (RFC 5321 4.5.2), a bare LF becomes CRLF, and a missing last line
     * end is added. Runs of ordinary bytes are copied to the buffer in one call each.
     */
    void writeData(byte[] data) throws IOException {
        int from = 0;
        boolean lineStart = true;
        byte previous = '\n';
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '.' && lineStart) {
                out.write(data, from, i + 1 - from);
                from = i; // the dot is written twice
            } else if (b == '\n' && previous != '\r') {
                out.write(data, from, i - from);
                out.write('\r');
                from = i;
            }
            lineStart = b == '\n';
            previous = b;
        }
        out.write(data, from, data.length - from);
        if (data.length > 0 && previous != '\n') out.write(CRLF);
        out.write(END_OF_DATA);
    }

    /** Reads one reply, all its lines. */
    Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) throw new EOFException("the SMTP server " + settings.hostAndPort() + " closed the connection");
                if (b != '\r') line.write(b);
                if (line.size() > 4096) throw new IOException("the SMTP server sent a reply line over 4 KB");
            }
            String s = line.toString(StandardCharsets.UTF_8);
            if (s.length() < 3 || !Character.isDigit(s.charAt(0)) || !Character.isDigit(s.charAt(1))
                    || !Character.isDigit(s.charAt(2))) {
                throw new IOException("the SMTP server " + settings.hostAndPort() + " sent a malformed reply: " + s);
            }
            if (!text.isEmpty()) text.append('\n');
            text.append(s.length() > 4 ? s.substring(4) : "");
            if (s.length() == 3 || s.charAt(3) != '-') {
                return new Reply(Integer.parseInt(s.substring(0, 3)), text.toString());
            }
        }
    }

    /** Says QUIT when the session still works, then closes; never throws. */
    void quit() {
        try {
            if (socket != null && !socket.isClosed()) {
                socket.setSoTimeout(2_000);
                command("QUIT");
            }
        } catch (IOException ignored) {
            // the server went first: nothing to say goodbye to
        }
        close();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
