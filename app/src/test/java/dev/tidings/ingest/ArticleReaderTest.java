package dev.tidings.ingest;

import dev.tidings.model.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleReaderTest {
    private final ArticleReader reader = new ArticleReader();

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsReportedByName() {
        Path missing = Path.of("x.txt");
        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(IngestException.class)
                .hasMessage("no such file: x.txt");
    }

    @Test
    void aFolderGivenAsAFileIsRefused() {
        assertThatThrownBy(() -> reader.read(dir))
                .isInstanceOf(IngestException.class)
                .hasMessage(dir + " is a folder, not a file");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.txt");
        Files.write(big, "a".repeat(ArticleReader.MAX_BYTES + 1).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> reader.read(big))
                .isInstanceOf(IngestException.class)
                .hasMessage(big + " is too large (5.0 MB; the limit is 5 MB)");
    }

    @Test
    void textWithControlCharactersIsNotTakenForAnArticle() {
        String noise = "\u0001\u0002\u0003\u0004abc\u0005\u0006\u0007\u0008";
        assertThatThrownBy(() -> reader.readText(noise, "noise.txt"))
                .isInstanceOf(IngestException.class)
                .hasMessage("noise.txt is not text (it looks binary)");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButAnIngestException() throws IOException {
        Random random = new Random(20210810);
        String[] extensions = {"txt", "md", "html", "json", "bin", ""};
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            if (i % 3 == 0) {
                // mostly printable input reaches the parsers instead of stopping at the binary check
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = (byte) ("{}[]<>\"':,#*_-\n abcdé1".charAt(Math.floorMod(bytes[j], 22)));
                }
            }
            String ext = extensions[i % extensions.length];
            Path file = dir.resolve("fuzz" + i + (ext.isEmpty() ? "" : "." + ext));
            Files.write(file, bytes);
            readsOrRefuses(() -> reader.read(file));
            String asText = new String(bytes, StandardCharsets.ISO_8859_1);
            readsOrRefuses(() -> reader.readText(asText, "fuzz"));
            readsOrRefuses(() -> reader.readHtml(asText, "https://example.org/", "fuzz"));
            readsOrRefuses(() -> reader.readJson(asText, "fuzz"));
        }
    }

    private interface Read {
        Submission run() throws IngestException;
    }

    private static void readsOrRefuses(Read read) {
        try {
            Submission s = read.run();
            assertThat(s.text()).isNotBlank();
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void aFolderGivesItsArticleFilesRecursivelySortedWithoutHiddenOnes() throws IOException {
        Files.createDirectories(dir.resolve("b/nested"));
        Files.createDirectories(dir.resolve(".git"));
        for (String name : List.of("b/nested/c.md", "a.txt", "b/page.html", "z.json", ".hidden.txt",
                ".git/config.txt", "photo.jpg", "notes.text", "B.markdown")) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(ArticleReader.articleFiles(dir)).containsExactly(
                dir.resolve("B.markdown"), dir.resolve("a.txt"), dir.resolve("b/nested/c.md"),
                dir.resolve("b/page.html"), dir.resolve("notes.text"), dir.resolve("z.json"));
    }

    @Test
    void aFileGivesItself() throws IOException {
        Path file = Files.writeString(dir.resolve("photo.jpg"), "x");
        assertThat(ArticleReader.articleFiles(file)).containsExactly(file);
    }

    @Test
    void aTitleLineWithAColonKeepsTheWholeRestOfTheLine() throws IngestException {
        Submission s = reader.readText("title: Riga: a port city, 800 years on\n\nBody.", "a.txt");
        assertThat(s.title()).isEqualTo("Riga: a port city, 800 years on");
    }

    @Test
    void aDateHeaderWithACalendarImpossibleDayIsAnError() {
        assertThatThrownBy(() -> reader.readText("date: 2021-02-30\n\nBody.", "a.txt"))
                .isInstanceOf(IngestException.class)
                .hasMessage("a.txt: unknown date '2021-02-30' (expected a date such as 2021-08-10)");
    }

    @Test
    void htmlWithoutAnyTextIsRefused() {
        assertThatThrownBy(() -> reader.readHtml("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                null, "page.html"))
                .isInstanceOf(IngestException.class)
                .hasMessage("page.html has no article text");
    }

    @Test
    void jsonTextWinsOverHtmlAndUnknownFieldsAreIgnored() throws IngestException {
        Submission s = reader.readJson("{\"text\": \"From text.\", \"html\": \"<p>From html.</p>\", \"x\": [1]}",
                "api");
        assertThat(s.text()).isEqualTo("From text.");
        assertThat(s.origin()).isEqualTo("api");
    }

    @Test
    void theJsonTextFieldHasNoHeaderLines() throws IngestException {
        Submission s = reader.readJson("{\"text\": \"date 2021-01-01 is the day it began.\"}", "api");
        assertThat(s.published()).isNull();
        assertThat(s.text()).isEqualTo("date 2021-01-01 is the day it began.");
    }
}
