package dev.tidings.deliver;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SMTP server that offers STARTTLS (GreenMail 2.1 has SMTPS but no STARTTLS) and AUTH PLAIN only
 * over TLS, as submission servers do. It records each command with whether it came over TLS, and each
 * message's data. Bound to 127.0.0.1 on a free port; one connection at a time.
 */
final class StartTlsSmtpServer implements AutoCloseable {
    /** One command as received. */
    record Command(String line, boolean overTls) {}

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean offerStartTls;
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();

    StartTlsSmtpServer(SSLContext tls, boolean offerStartTls) throws IOException {
        this.tls = tls;
        this.offerStartTls = offerStartTls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "starttls-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // closed by the test, or the client went away
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        boolean secure = false;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 localhost ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(new Command(line, secure));
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, secure ? "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME"
                        : offerStartTls ? "250-localhost\r\n250-STARTTLS\r\n250 8BITMIME" : "250-localhost\r\n250 8BITMIME");
                case "STAR" -> {
                    reply(out, "220 go ahead");
                    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    secure = true;
                    in = reader(socket);
                    out = socket.getOutputStream();
                }
                case "AUTH" -> reply(out, secure ? "235 accepted" : "530 must issue STARTTLS first");
                case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) data.append(line).append('\n');
                    messages.add(data.toString());
                    reply(out, "250 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
