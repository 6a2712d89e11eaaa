package dev.tidings.cli;

import dev.tidings.testing.Cli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear sentence on stderr, the contract's exit code, and loses nothing else. */
class BadInputIT {
    @TempDir Path data;
    @TempDir Path work;

    private Cli cli() {
        return new Cli(data);
    }

    private static void assertOneSentenceError(Cli.Run run, int exit, String... words) {
        assertThat(run.exit()).as(run.all()).isEqualTo(exit);
        String first = run.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("tidings: ");
        for (String w : words) assertThat(first).containsIgnoringCase(w);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Path write(String name, String content) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aMissingFileIsReportedAndTheOthersAreStillImported() throws IOException {
        Path good = write("good.txt", "title: Frontex sends more officers to Bulgaria\ndate: 2026-11-20\n\n"
                + "Frontex will send more border officers to Bulgaria, the agency said on Friday, as crossings rise.\n");
        Cli.Run run = cli().run("import", work.resolve("nope.txt").toString(), good.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nope.txt");
        assertThat(run.out()).contains("Frontex sends more officers to Bulgaria");
        assertThat(run.err()).contains("1 new").contains("1 failed");
    }

    @Test
    void anEmptyFileIsRefusedClearly() throws IOException {
        assertOneSentenceError(cli().run("import", write("empty.txt", "").toString()), 1, "empty.txt");
    }

    @Test
    void aBinaryFileIsRefusedClearly() throws IOException {
        Path bin = work.resolve("photo.txt");
        Files.write(bin, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3, 0, 0, 7, 8, 9});
        assertOneSentenceError(cli().run("tag", bin.toString()), 1, "photo.txt");
    }

    @Test
    void anUnknownDateIsRefusedNamingTheValue() throws IOException {
        Path p = write("dated.txt", "date: 31/31/2021\n\nSome article text that is long enough to be an article.\n");
        assertOneSentenceError(cli().run("import", p.toString()), 1, "31/31/2021");
    }

    @Test
    void anInvalidEmailIsAUsageError() {
        assertOneSentenceError(cli().run("readers", "add", "not-an-address"), 2, "not-an-address");
        assertOneSentenceError(cli().run("readers", "add", "a@b@c.org", "--confirmed"), 2, "valid email");
    }

    @Test
    void anUnknownConceptIsAUsageErrorThatSaysWhy() {
        assertThat(cli().run("readers", "add", "reader@example.org", "--confirmed").exit()).isZero();
        assertOneSentenceError(cli().run("follow", "reader@example.org", "Atlantis"), 2, "unknown concept", "Atlantis");
    }

    @Test
    void aQueryThatDoesNotParseIsAUsageErrorThatSaysWhere() {
        assertThat(cli().run("readers", "add", "reader@example.org", "--confirmed").exit()).isZero();
        assertOneSentenceError(cli().run("follow", "reader@example.org", "Lukashenko AND (migrants OR"), 2, "position");
        assertThat(cli().run("readers", "list").out()).contains("nothing yet");
    }

    @Test
    void anUnknownReaderIsARuntimeError() {
        assertOneSentenceError(cli().run("digest", "nobody@example.org"), 1, "nobody@example.org");
    }

    @Test
    void aBadInstantIsAUsageError() {
        assertThat(cli().run("readers", "add", "reader@example.org", "--confirmed").exit()).isZero();
        assertOneSentenceError(cli().run("digest", "reader@example.org", "--at", "yesterday"), 2, "yesterday");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Run run = cli().run("import", "--frobnicate", "x.txt");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--frobnicate").contains("--help");
    }

    @Test
    void importingAPrivateUrlIsRefusedWithoutAllowPrivate() {
        Cli.Run run = cli().run("import", "http://127.0.0.1:9/article");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("private address").contains("--allow-private");
    }

    @Test
    void conceptsCanBeSearchedAndShownAndAnUnknownOneIsAUsageError() {
        Cli.Run search = cli().run("concepts", "search", "bela");
        assertThat(search.exit()).isZero();
        assertThat(search.out()).contains("place/belarus");
        Cli.Run show = cli().run("concepts", "show", "place/belarus");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("Belarus").contains("Minsk");
        assertThat(cli().run("concepts", "show", "Lukashenko").out()).contains("person/alexander-lukashenko");
        assertThat(cli().run("concepts", "search", "zzqx").exit()).isZero();
        assertOneSentenceError(cli().run("concepts", "show", "Atlantis"), 2, "Atlantis");
    }

    @Test
    @DisplayName("every command prints --help and exits 0")
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][]{{"--help"}, {"serve", "--help"}, {"import", "--help"}, {"tag", "--help"},
                {"readers", "add", "--help"}, {"readers", "list", "--help"}, {"readers", "remove", "--help"},
                {"follow", "--help"}, {"unfollow", "--help"}, {"digest", "--help"}, {"concepts", "search", "--help"},
                {"concepts", "show", "--help"}}) {
            Cli.Run run = cli().run(cmd);
            assertThat(run.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
    }

    @Test
    @DisplayName("the command list gives each command a whole sentence, not one cut at the end of a line")
    void commandListSummariesAreWholeSentences() {
        String help = cli().run("--help").out();
        String commands = help.substring(help.indexOf("Commands:") + "Commands:".length());
        // a summary row starts with two spaces and the command name; continuation rows are indented deeper
        List<String> rows = new ArrayList<>();
        for (String line : commands.split("\\R")) {
            if (line.matches("  \\S.*")) {
                rows.add(line.strip());
            } else if (!line.isBlank() && !rows.isEmpty()) {
                rows.set(rows.size() - 1, rows.get(rows.size() - 1) + " " + line.strip());
            }
        }
        assertThat(rows).hasSizeGreaterThan(10)
                .allSatisfy(row -> assertThat(row).as(row).endsWith("."));
    }
}
