package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tidings.digest.Fixtures.article;
import static dev.tidings.digest.Fixtures.conceptFollow;
import static dev.tidings.digest.Fixtures.matchOf;
import static dev.tidings.digest.Fixtures.queryFollow;
import static org.assertj.core.api.Assertions.assertThat;

/** Section footers (the rest on the web, a follow's own unsubscribe link) and the size of a full digest. */
class DigestSectionsTest {
    static final Instant END = Instant.parse("2021-08-11T05:00:00Z");
    final Reader reader = Fixtures.reader();
    final Follow belarus = conceptFollow(reader, "f1", "place/belarus", "Belarus", Fixtures.CREATED);
    final Follow search = queryFollow(reader, "f2", "migrants AND border", Fixtures.CREATED.plusSeconds(1));
    final DigestRenderer renderer = new DigestRenderer("https://news.example.org", "Tidings <news@example.org>");

    DigestBuilder.Composed compose(int belarusStories, int searchStories, String longText) {
        Map<Article, List<FollowMatch>> matches = new LinkedHashMap<>();
        for (int i = 0; i < belarusStories; i++) {
            matches.put(article("b" + i).about("place/belarus", "Belarus", 0.9).summary(longText).text(longText)
                    .quote("Ylva Johansson", longText).at("2021-08-10T12:00:00Z").build(), List.of(matchOf(belarus)));
        }
        for (int i = 0; i < searchStories; i++) {
            matches.put(article("s" + i).summary(longText).at("2021-08-10T13:00:00Z").build(), List.of(matchOf(search)));
        }
        return new DigestBuilder().compose(reader, new DigestPeriod(END.minusSeconds(86_400), END), matches, Set.of());
    }

    @Test
    void aSectionCutByTheCapLinksToTheRestOnTheWebAndEverySectionCanBeStoppedAlone() {
        DigestBuilder.Composed composed = compose(DigestBuilder.MAX_ENTRIES + 3, 2, "Short text about the border.");
        assertThat(composed.sections()).extracting(DigestBuilder.SectionInfo::leftOut).containsExactly(3, 0);

        OutgoingMail mail = renderer.render(composed, f -> "tok-" + f.id(), "all", END);

        assertThat(mail.text()).contains("3 more stories on Tidings:\nhttps://news.example.org/concepts/place/belarus")
                .contains("Stop Belarus:\nhttps://news.example.org/u/tok-f1")
                .contains("Stop migrants AND border:\nhttps://news.example.org/u/tok-f2")
                .doesNotContain("more stories on Tidings:\nhttps://news.example.org/search");
        assertThat(mail.html()).contains("href=\"https://news.example.org/concepts/place/belarus\"")
                .contains("3 more stories on Tidings").contains("href=\"https://news.example.org/u/tok-f1\"");
        assertThat(mail.unsubscribeUrl()).isEqualTo("https://news.example.org/u/all");
    }

    @Test
    void aFullDigestOfLongArticlesStaysUnder100KbWithoutScriptsOrImagesAndReadsInDarkMode() {
        String longText = ("The border agency said crossings rose again overnight and officials promised more "
                + "patrols & checks <at> the frontier. ").repeat(30);
        DigestBuilder.Composed composed = compose(60, 60, longText);
        OutgoingMail mail = renderer.render(composed, f -> "tok-" + f.id(), "all", END);

        int stories = composed.digest().sections().stream().mapToInt(s -> s.entries().size()).sum();
        assertThat(stories).isEqualTo(2 * DigestBuilder.MAX_ENTRIES);
        assertThat(mail.html().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100 * 1024);
        assertThat(mail.html()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("javascript:").contains("prefers-color-scheme: dark")
                .contains("&lt;at&gt;");
        assertThat(mail.subject()).isEqualTo("Your digest: 20 stories — Belarus, migrants AND border");
    }
}
