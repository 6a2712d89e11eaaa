package dev.tidings.deliver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MaildirTransportTest extends MailTransportContract {
    @TempDir
    Path dir;
    private MaildirTransport transport;

    @BeforeEach
    void open() {
        transport = new MaildirTransport(dir.resolve("mail"));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Override
    protected MailTransport transport() {
        return transport;
    }

    @Override
    protected List<byte[]> delivered() throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (Path file : files("new")) all.add(Files.readAllBytes(file));
        for (Path file : files("cur")) all.add(Files.readAllBytes(file));
        return all;
    }

    private List<Path> files(String sub) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("mail").resolve(sub))) {
            return files.sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    @Test
    void itCreatesAStandardMaildir() {
        for (String sub : List.of("tmp", "new", "cur")) {
            assertThat(dir.resolve("mail").resolve(sub)).isDirectory();
        }
    }

    @Test
    void aMessageLandsInNewUnderANameMadeFromItsMessageIdAndLeavesTmpEmpty() throws Exception {
        transport.send(mail("<digest.r1.1628658000@news.example.org>"));

        List<Path> files = files("new");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString())
                .isEqualTo("1628658000." + MaildirTransport.hash("<digest.r1.1628658000@news.example.org>") + ".tidings")
                .matches("\\d+\\.[0-9a-f]{16}\\.tidings");
        assertThat(files("tmp")).isEmpty();
    }

    @Test
    void theFileHasCrlfLineEndsOnly() throws Exception {
        transport.send(mail("<crlf.1@news.example.org>"));

        String raw = new String(delivered().get(0), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void sendingTheSameMessageIdTwiceLeavesOneFile() throws Exception {
        transport.send(mail("<digest.r1.1628658000@news.example.org>"));
        var later = mail("<digest.r1.1628658000@news.example.org>");
        transport.send(new dev.tidings.model.OutgoingMail(later.messageId(), later.from(), later.to(), later.subject(),
                later.text(), later.html(), later.unsubscribeUrl(), later.unsubscribeMailto(), later.date().plusSeconds(3600)));

        assertThat(delivered()).hasSize(1);
    }

    @Test
    void aMessageTheMailClientMovedToCurIsNotDeliveredAgain() throws Exception {
        transport.send(mail("<seen.1@news.example.org>"));
        Path delivered = files("new").get(0);
        Files.move(delivered, dir.resolve("mail/cur").resolve(delivered.getFileName() + ":2,S"));

        transport.send(mail("<seen.1@news.example.org>"));

        assertThat(files("new")).isEmpty();
        assertThat(files("cur")).hasSize(1);
    }

    @Test
    void aBatchKeepsOneFilePerMessageIdAlsoAgainstWhatIsInCur() throws Exception {
        transport.send(mail("<batch.seen@news.example.org>"));
        Path delivered = files("new").get(0);
        Files.move(delivered, dir.resolve("mail/cur").resolve(delivered.getFileName() + ":2,S"));
        List<ComposedMail> batch = new java.util.ArrayList<>();
        for (String id : List.of("<batch.seen@news.example.org>", "<batch.1@news.example.org>",
                "<batch.2@news.example.org>", "<batch.1@news.example.org>")) {
            batch.add(new ComposedMail(id, "reader@example.org", new MimeComposer().toBytes(mail(id))));
        }

        assertThat(transport.sendAll(batch)).allMatch(java.util.Optional::isEmpty).hasSize(4);

        assertThat(files("cur")).hasSize(1);
        assertThat(files("new")).hasSize(2);
        assertThat(files("tmp")).isEmpty();
    }

    @Test
    void concurrentSendsFromSeveralTransportsKeepOneFilePerMessageId() throws Exception {
        MaildirTransport second = new MaildirTransport(dir.resolve("mail"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                MaildirTransport t = i % 2 == 0 ? transport : second;
                String id = "<concurrent." + (i % 16) + "@news.example.org>";
                jobs.add(pool.submit(() -> {
                    t.send(mail(id));
                    return null;
                }));
            }
            for (Future<?> job : jobs) job.get();
        } finally {
            pool.shutdown();
        }

        assertThat(files("new")).hasSize(16);
        assertThat(files("tmp")).isEmpty();
    }
}
