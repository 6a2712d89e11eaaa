package dev.tidings.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application run as a separate process, as the {@code ./tidings} launcher runs it:
 * what a user sees on stdout and stderr, and the exit codes.
 */
class LauncherIT {
    private static final Path JAR = Path.of("target", "tidings-all.jar");

    @TempDir Path data;

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--data", data.toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aDryRunDigestPrintsTheWholeMessageAndCommandsStayQuietOnStderr() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        Path article = data.resolve("a.txt");
        Files.writeString(article, "title: Frontex sends officers to the Latvian border\n\nFrontex will send 40 officers"
                + " to Latvia's border with Belarus after more migrants tried to cross into the European Union.\n");
        assertThat(run("readers", "add", "ana@example.org", "--confirmed").exit()).isZero();
        assertThat(run("follow", "ana@example.org", "Latvia").exit()).isZero();
        Result imported = run("import", article.toString());
        assertThat(imported.exit()).isZero();
        assertThat(imported.err()).doesNotContain("INFO").contains("1 new");

        Result dry = run("digest", "ana@example.org", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("Message-ID: <digest.").contains("Frontex sends officers to the Latvian border")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        assertThat(dry.err()).isEmpty();
    }

    @Test
    void aUsageErrorExitsTwoWithOneSentence() throws Exception {
        Result r = run("follow", "not-an-address", "Belarus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("tidings: ").contains("not-an-address");
    }
}
