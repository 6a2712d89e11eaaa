package dev.tidings.deliver;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny SMTP server for what GreenMail cannot easily do: answer RCPT TO with a chosen reply (451, 550)
 * per address, offer PIPELINING and notice whether commands came pipelined, or hang up after every message.
 * Bound to 127.0.0.1 on a free port; one connection at a time.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final Function<String, String> rcptReply;
    private final boolean hangUpAfterMessage;
    private final boolean pipelining;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    /** Commands that were already waiting when the one before them had been read: the client pipelined them. */
    final AtomicInteger arrivedTogether = new AtomicInteger();
    /** The data of each accepted message, dot-unstuffed, lines joined with CRLF. */
    final List<String> messages = new CopyOnWriteArrayList<>();

    FakeSmtpServer(String rcptReply, boolean hangUpAfterMessage) throws IOException {
        this(address -> rcptReply, hangUpAfterMessage, false);
    }

    /**
     * @param rcptReply  the reply to RCPT TO, given the address between the angle brackets
     * @param pipelining whether EHLO offers PIPELINING (the server reads commands one by one either way)
     */
    FakeSmtpServer(Function<String, String> rcptReply, boolean hangUpAfterMessage, boolean pipelining) throws IOException {
        this.rcptReply = rcptReply;
        this.hangUpAfterMessage = hangUpAfterMessage;
        this.pipelining = pipelining;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                converse(socket);
            } catch (IOException e) {
                // closed by the test, or the client went away: wait for the next one
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 fake.test ESMTP");
        String line;
        boolean recipient = false;
        while ((line = in.readLine()) != null) {
            if (in.ready()) arrivedTogether.incrementAndGet();
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, pipelining ? "250-fake.test\r\n250-PIPELINING\r\n250 8BITMIME"
                        : "250-fake.test\r\n250 8BITMIME");
                case "HELO", "RSET", "NOOP" -> reply(out, "250 OK");
                case "MAIL" -> {
                    recipient = false;
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    String answer = rcptReply.apply(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                    recipient |= answer.startsWith("2");
                    reply(out, answer);
                }
                case "DATA" -> {
                    if (!recipient) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
                    }
                    messages.add(data.toString());
                    accepted.incrementAndGet();
                    recipient = false;
                    reply(out, "250 queued");
                    if (hangUpAfterMessage) return;
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
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
