package dev.tidings.ingest;

import dev.tidings.model.Submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample articles shipped in the jar ({@code samples/}), listed in {@code samples/index.txt} so
 * that they load the same way from a jar and from a class folder.
 */
public final class BundledSamples {
    private BundledSamples() {
    }

    /** Every sample as a submission, in index order. A sample that does not parse is a build error. */
    public static List<Submission> load() {
        ArticleReader reader = new ArticleReader();
        List<Submission> out = new ArrayList<>();
        for (String name : index()) {
            try (InputStream in = resource("samples/" + name)) {
                out.add(reader.readText(new String(in.readAllBytes(), StandardCharsets.UTF_8), "sample:" + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + name, e);
            } catch (IngestException e) {
                throw new IllegalStateException("bundled sample " + name + " does not parse: " + e.getMessage(), e);
            }
        }
        return out;
    }

    static List<String> index() {
        try (InputStream in = resource("samples/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample index", e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IOException("missing resource " + path);
        return in;
    }
}
