package dev.tidings.bench;

import dev.tidings.deliver.ComposedMail;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MailTransport;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.model.OutgoingMail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * SMTP dispatch throughput: our {@code SmtpTransport} (our own SMTP client) against Postfix's {@code smtp-source}, both sending 20 KB
 * messages into one Postfix {@code smtp-sink} on a loopback port in the same run, with 1 and 4 sessions
 * (connections kept open between messages: {@code smtp-source -d}). Prints messages per second as
 * {@code ours | baseline | ratio} like {@link BenchMain}.
 *
 * <p>Not a JMH benchmark: the baseline is an external process, timed from start to exit (its start-up is a
 * few milliseconds against seconds of sending). Each figure is the median of several runs.
 *
 * <p>Ours sends as the outbox does: batches of {@value #BATCH} through {@code MailTransport.sendAll}, which
 * pipelines them (smtp-sink offers PIPELINING).
 *
 * <p>Needs the two Postfix tools: on the PATH or in /usr/sbin (Debian package {@code postfix}), or extracted from
 * the package without installing it ({@code apt-get download postfix && dpkg-deb -x postfix_*.deb DIR}) and
 * named with {@code TIDINGS_POSTFIX_DIR=DIR} or {@code -Dtidings.postfix.dir=DIR}, which win over the PATH.
 * Without them it says so and exits 1.
 *
 * <p>Run: {@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.SmtpBench [--quick] [--messages N]}.
 */
public final class SmtpBench {
    static final int MESSAGE_BYTES = 20 * 1024;
    /** Messages per {@code sendAll}, as the outbox leases them. */
    static final int BATCH = 100;

    private SmtpBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int messages = quick ? 1_000 : 4_000;
        int runs = quick ? 1 : 5;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--messages")) messages = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--runs")) runs = Integer.parseInt(args[i + 1]);
        }
        String dir = System.getProperty("tidings.postfix.dir", System.getenv("TIDINGS_POSTFIX_DIR"));
        Postfix postfix = dir == null ? Postfix.installed() : Postfix.in(Path.of(dir));
        if (postfix == null) {
            System.err.println("SmtpBench needs Postfix's smtp-sink and smtp-source: install the Debian package postfix"
                    + " (they land in /usr/sbin), or run 'apt-get download postfix && dpkg-deb -x postfix_*.deb DIR' and set"
                    + " TIDINGS_POSTFIX_DIR=DIR (or -Dtidings.postfix.dir=DIR)"
                    + (dir == null ? "." : "; " + dir + " has neither usr/sbin/smtp-sink and usr/sbin/smtp-source nor"
                    + " smtp-sink and smtp-source."));
            System.exit(1);
        }
        byte[] mime = message();
        int port = freePort();
        Process sink = postfix.sink(port);
        try {
            awaitPort(port);
            System.out.printf("%nSMTP into Postfix smtp-sink on 127.0.0.1:%d, %d messages of %d bytes per run, median of %d runs%n",
                    port, messages, mime.length, runs);
            System.out.printf("%-48s %18s %18s %10s%n", "benchmark", "ours", "baseline", "ratio");
            ours(port, mime, Math.min(messages, 500), 1); // warm-up: class loading and the JIT
            for (int sessions : new int[] {1, 4}) {
                double[] o = new double[runs];
                double[] b = new double[runs];
                for (int r = 0; r < runs; r++) {
                    o[r] = ours(port, mime, messages, sessions);
                    b[r] = postfix.source(port, messages, sessions, mime.length);
                }
                double om = median(o);
                double bm = median(b);
                System.out.printf("%-48s %18s %18s %10s   (%s)%n", "SmtpBench sessions=" + sessions,
                        String.format("%,.1f", om), String.format("%,.1f", bm), String.format("%.2fx", om / bm), "msg/s");
            }
        } finally {
            sink.destroy();
            sink.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Messages per second through our transport, {@code sessions} connections in parallel. */
    static double ours(int port, byte[] mime, int messages, int sessions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<MailTransport> transports = new ArrayList<>();
        try {
            for (int s = 0; s < sessions; s++) {
                transports.add(MailTransport.fromUrl("smtp://127.0.0.1:" + port, Path.of(".")));
            }
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                MailTransport t = transports.get(s);
                int share = messages / sessions + (s < messages % sessions ? 1 : 0);
                done.add(pool.submit(() -> {
                    ComposedMail one = new ComposedMail("<bench@news.example.org>", "reader@example.org", mime);
                    for (int sent = 0; sent < share; sent += BATCH) {
                        for (Optional<DeliveryException> failure : t.sendAll(Collections.nCopies(Math.min(BATCH, share - sent), one))) {
                            if (failure.isPresent()) throw failure.get();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            transports.forEach(MailTransport::close);
            pool.shutdownNow();
        }
    }

    /** A digest-sized message as the outbox stores it: about 20 KB of text and HTML. */
    static byte[] message() throws DeliveryException {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; text.length() + html.length() < MESSAGE_BYTES - 1_500; i++) {
            String line = "Story " + i + ": border guards reported crossings overnight, officials said on Tuesday.";
            text.append(line).append('\n');
            html.append("<p>").append(line).append("</p>\n");
        }
        html.append("</body></html>");
        return new MimeComposer().toBytes(new OutgoingMail("<bench@news.example.org>", "Tidings <news@example.org>",
                "reader@example.org", "Your digest: 40 stories", text.toString(), html.toString(),
                "https://news.example.org/u/token", "mailto:news@example.org?subject=unsubscribe%20token",
                Instant.parse("2021-08-11T07:00:00Z")));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("smtp-sink did not start listening on 127.0.0.1:" + port);
    }

    /** The two tools, installed or from an extracted Postfix package (then run with its own libraries). */
    record Postfix(Path sinkBinary, Path sourceBinary, Path libraries) {
        /** From an extracted package (DIR/usr/sbin) or a folder that holds the two tools; null when neither. */
        static Postfix in(Path root) {
            Postfix extracted = of(root.resolve("usr/sbin"), root.resolve("usr/lib/postfix"));
            return extracted != null ? extracted : of(root, null);
        }

        /** The installed tools: the first folder of the PATH that has both, else /usr/sbin (often not on a user's PATH). */
        static Postfix installed() {
            List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
            folders.add("/usr/sbin");
            for (String folder : folders) {
                Postfix p = folder.isEmpty() ? null : of(Path.of(folder), null);
                if (p != null) return p;
            }
            return null;
        }

        private static Postfix of(Path folder, Path libraries) {
            Postfix p = new Postfix(folder.resolve("smtp-sink"), folder.resolve("smtp-source"), libraries);
            return Files.isExecutable(p.sinkBinary) && Files.isExecutable(p.sourceBinary) ? p : null;
        }

        /** The sink on 127.0.0.1 only; as root it drops to nobody. */
        Process sink(int port) throws IOException {
            return start(List.of(sinkBinary.toString(), "-u", "nobody", "127.0.0.1:" + port, "256"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        /** Runs smtp-source to completion; messages per second from its start to its exit. */
        double source(int port, int messages, int sessions, int bytes) throws Exception {
            ProcessBuilder pb = start(List.of(sourceBinary.toString(), "-d", "-s", Integer.toString(sessions),
                    "-m", Integer.toString(messages), "-l", Integer.toString(bytes), "-f", "news@example.org",
                    "-t", "reader@example.org", "127.0.0.1:" + port)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("smtp-source failed (exit " + p.exitValue() + ")");
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        }

        private ProcessBuilder start(List<String> command) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (libraries != null) {
                Map<String, String> env = pb.environment();
                String old = env.get("LD_LIBRARY_PATH");
                env.put("LD_LIBRARY_PATH", libraries + (old == null || old.isEmpty() ? "" : ":" + old));
            }
            return pb;
        }
    }
}
