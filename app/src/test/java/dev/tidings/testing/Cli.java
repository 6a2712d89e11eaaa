package dev.tidings.testing;

import dev.tidings.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code tidings} command line in-process against one data folder, as a user would from a shell. */
public final class Cli {
    private final Path data;

    public Cli(Path data) {
        this.data = data;
    }

    /** What a command printed and how it exited. */
    public record Run(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Run run(String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--data");
        full.add(data.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    public Path data() {
        return data;
    }
}
