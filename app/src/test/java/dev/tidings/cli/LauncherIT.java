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
    void serveOnAnEmptyFolderLoadsTheSamplesAndWritesTheApiTokenBeforeTheFirstCall() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "serve", "--port", "0", "--data", data.toString());
        Process serve = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String port = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (String line; port == null && System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
                var m = java.util.regex.Pattern.compile("running at http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
                if (m.find()) port = m.group(1);
            }
            assertThat(port).as("serve says where it runs").isNotNull();
            String token = Files.readString(data.resolve("api-token")).strip();
            var http = java.net.http.HttpClient.newHttpClient();
            var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"articles\":24");
            var posted = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/articles"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"Estonia opens a border post\", "
                            + "\"text\": \"Estonia opened a new border post on its frontier with Russia, officials in Tallinn said.\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(201);
        } finally {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUsageErrorExitsTwoWithOneSentence() throws Exception {
        Result r = run("follow", "not-an-address", "Belarus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("tidings: ").contains("not-an-address");
    }
}
