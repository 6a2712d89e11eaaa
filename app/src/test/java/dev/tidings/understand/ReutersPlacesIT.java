package dev.tidings.understand;

import dev.tidings.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Place tagging against the PLACES labels of Reuters-21578 (TRAIN split, in ../shared/data; skipped
 * where that folder is absent), and PEOPLE and ORGS from the same pass. Writes the tables to
 * {@code target/reuters-places.md} and {@code target/reuters-people-orgs.md}.
 */
class ReutersPlacesIT {

    @Test
    void placesTheAnalyserIsAboutBeatTheGazetteerAndReachTheRequiredF1() throws Exception {
        Optional<Path> dir = SharedData.find("data/news/reuters21578-train");
        assumeTrue(dir.isPresent(), "../shared/data/news/reuters21578-train is absent");
        List<ReutersCorpus.Story> stories = ReutersCorpus.read(dir.get());
        Taxonomy taxonomy = Taxonomy.bundled();

        PlacesEvaluation.Result r = new PlacesEvaluation(taxonomy, dir.get()).run(stories, taxonomy);
        System.out.println(r.table());
        Files.writeString(Path.of("target", "reuters-places.md"), r.table() + "\n");
        // PEOPLE and ORGS from the same pass, each beside its gazetteer; reported, not gated: Reuters' people
        // are those of 1987, and our taxonomy knows today's (see the README's figures)
        String others = r.people().table(r.stories()) + "\n\n" + r.orgs().table(r.stories());
        System.out.println(others);
        Files.writeString(Path.of("target", "reuters-people-orgs.md"), others + "\n");

        assertThat(r.stories()).isGreaterThan(10_000);
        assertThat(r.about().micro()[2]).as("micro-F1 of places the articles are about")
                .isGreaterThanOrEqualTo(0.85)
                .isGreaterThan(r.gazetteer().micro()[2] + 0.2);
        assertThat(r.about().micro()[0]).as("precision of about").isGreaterThan(r.gazetteer().micro()[0]);
        assertThat(r.any().micro()[1]).as("recall of any mention").isGreaterThan(r.gazetteer().micro()[1]);
    }
}
