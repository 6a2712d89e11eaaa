package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Published;
import dev.tidings.model.Reader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tidings.digest.Fixtures.article;
import static dev.tidings.digest.Fixtures.conceptFollow;
import static dev.tidings.digest.Fixtures.matchOf;
import static dev.tidings.digest.Fixtures.queryFollow;
import static org.assertj.core.api.Assertions.assertThat;

class DigestRendererTest {
    private static final String BASE = "https://news.example.org";
    private static final Instant AT = Instant.parse("2021-08-11T05:00:00Z");
    private static final Instant NOW = Instant.parse("2021-08-11T05:00:07Z");

    private final DigestRenderer renderer = new DigestRenderer(BASE + "/", "Tidings <digest@news.example.org>");
    private final DigestBuilder builder = new DigestBuilder();
    private final Reader reader = Fixtures.reader();
    private final Follow immigration = conceptFollow(reader, "f1", "topic/eu-immigration", "EU immigration",
            Instant.parse("2021-02-01T00:00:00Z"));
    private final Follow belarus = conceptFollow(reader, "f2", "place/belarus", "Belarus",
            Instant.parse("2021-03-01T00:00:00Z"));
    private final Follow search = queryFollow(reader, "f3", "Lukashenko AND border",
            Instant.parse("2021-04-01T00:00:00Z"));

    /** Two sections, a folded story, a quote, a date-only article, a long summary, non-ASCII text. */
    private Map<Article, List<FollowMatch>> twoSectionMatches() {
        Article border = article("a-border").story("s-border").source("Baltic Courier")
                .at("2021-08-10T14:05:00Z")
                .title("Lithuania builds a fence on its border with Belarus as crossings rise")
                .summary("Lithuania began building a fence along its border with Belarus on Tuesday, after the number "
                        + "of people crossing from Belarus rose sharply over the summer. Officials in Vilnius said the "
                        + "first stretch would be finished within weeks, and that more money had been asked for.")
                .text("x".repeat(3000))
                .about("topic/eu-immigration", "EU immigration", 0.92).about("place/belarus", "Belarus", 0.88)
                .quote("Ylva Johansson", "We will stand by the member states that are under pressure at our external borders")
                .quote(null, "nobody knows")
                .build();
        Article borderEcho = article("a-border-2").story("s-border").source("Nordic Wire")
                .at("2021-08-10T16:30:00Z").title("Fence going up on the Lithuanian frontier")
                .text("x".repeat(1200)).about("topic/eu-immigration", "EU immigration", 0.7).build();
        Article borderEcho2 = article("a-border-3").story("s-border").url("https://www.riga-daily.example/fence")
                .at("2021-08-10T17:00:00Z").text("x".repeat(900)).mentions("topic/eu-immigration", "EU immigration", 0.3).build();
        Article greece = article("a-greece").source("Aegean Times")
                .published(Published.on(LocalDate.parse("2021-08-10")))
                .title("Ελλάδα: new reception centre opens on Samos")
                .summary("A new reception centre for asylum seekers opened on the Greek island of Samos.")
                .about("topic/eu-immigration", "EU immigration", 0.8).build();
        Article minsk = article("a-minsk").source("Minsk Wire").at("2021-08-10T19:45:00Z")
                .title("Lukashenko’s press conference runs for eight hours")
                .summary("The president answered questions from reporters for most of the day.")
                .about("place/belarus", "Belarus", 0.9).build();

        Map<Article, List<FollowMatch>> matches = new LinkedHashMap<>();
        matches.put(border, List.of(matchOf(immigration), matchOf(belarus)));
        matches.put(borderEcho, List.of(matchOf(immigration)));
        matches.put(borderEcho2, List.of(matchOf(immigration)));
        matches.put(greece, List.of(matchOf(immigration)));
        matches.put(minsk, List.of(matchOf(belarus), matchOf(search)));
        return matches;
    }

    private Digest twoSections() {
        return builder.build(reader, builder.period(reader, AT), twoSectionMatches(), Set.of());
    }

    @Test
    void theTextPartOfATwoSectionDigestReadsAsExpected() throws Exception {
        Golden.assertMatches("two-sections", renderer.render(twoSections(), "tok-123", NOW).text());
    }

    @Test
    void aDigestRenderedWithARoundsSharedPartsIsTheSameMessageByteForByte() {
        DigestBuilder.Composed composed = builder.compose(reader, builder.period(reader, AT), twoSectionMatches(), Set.of());
        DigestRenderer.Shared shared = renderer.shared();
        OutgoingMail alone = renderer.render(composed, f -> "stop-" + f.id(), "tok-123", NOW);
        OutgoingMail first = renderer.render(composed, f -> "stop-" + f.id(), "tok-123", NOW, shared);
        OutgoingMail again = renderer.render(composed, f -> "stop-" + f.id(), "tok-123", NOW, shared); // from the cache

        assertThat(first).isEqualTo(alone);
        assertThat(again).isEqualTo(alone);
        assertThat(alone.html()).contains("Lithuania builds a fence").contains("Also reported by: Nordic Wire");
    }

    @Test
    void theTextPartKeepsLinesWithinSeventyEightColumnsAndUrlsOnTheirOwnLines() {
        String text = renderer.render(twoSections(), "tok-123", NOW).text();

        for (String line : text.split("\n")) {
            assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(78);
            if (line.contains("https://")) {
                assertThat(line.strip()).as("a URL alone on its line").startsWith("https://").doesNotContain(" ");
            }
        }
        assertThat(text.replaceAll("\\s+", " ")).contains("Why: About EU immigration", "Why: About Belarus",
                "Also reported by: Nordic Wire, riga-daily.example",
                "“We will stand by the member states that are under pressure at our external borders” — Ylva Johansson",
                BASE + "/articles/a-border", BASE + "/me", BASE + "/u/tok-123");
    }

    @Test
    void theSubjectCountsTheStoriesAndNamesTheSections() {
        OutgoingMail mail = renderer.render(twoSections(), "tok-123", NOW);

        assertThat(mail.subject()).isEqualTo("Your digest: 3 stories — EU immigration, Belarus");
    }

    @Test
    void theSubjectNamesAtMostThreeSections() {
        List<Digest.Section> sections = new ArrayList<>();
        for (String heading : List.of("Poland", "Greece", "Belarus", "Lithuania", "Latvia")) {
            sections.add(new Digest.Section(heading, List.of(new Digest.Entry(article(heading).build(), "About " + heading, List.of()))));
        }
        Digest digest = new Digest(reader, builder.period(reader, AT), sections);

        assertThat(renderer.render(digest, "t", NOW).subject())
                .isEqualTo("Your digest: 5 stories — Poland, Greece, Belarus and 2 more");
    }

    @Test
    void theMessageIdIsStablePerReaderAndPeriod() {
        OutgoingMail first = renderer.render(twoSections(), "tok-123", NOW);
        OutgoingMail again = renderer.render(twoSections(), "tok-456", NOW.plusSeconds(3600));

        assertThat(first.messageId()).isEqualTo("<digest.r1." + AT.getEpochSecond() + "@news.example.org>");
        assertThat(again.messageId()).isEqualTo(first.messageId());
        Digest nextDay = builder.build(reader, builder.period(reader, AT.plusSeconds(86_400)), Map.of(), Set.of());
        assertThat(renderer.render(nextDay, "tok-123", NOW).messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void theMailCarriesTheUnsubscribeLinkAndItsMailtoForm() {
        OutgoingMail mail = renderer.render(twoSections(), "tok-123", NOW);

        assertThat(mail.unsubscribeUrl()).isEqualTo(BASE + "/u/tok-123");
        assertThat(mail.unsubscribeMailto()).isEqualTo("mailto:digest@news.example.org?subject=unsubscribe%20tok-123");
        assertThat(mail.to()).isEqualTo(reader.email());
        assertThat(mail.from()).isEqualTo("Tidings <digest@news.example.org>");
        assertThat(mail.date()).isEqualTo(NOW);
    }

    @Test
    void theHtmlPartLinksEveryArticleAndShowsEveryReasonWithoutScriptsOrRemoteImages() {
        OutgoingMail mail = renderer.render(twoSections(), "tok-123", NOW);
        Document html = Jsoup.parse(mail.html());

        assertThat(html.select("script, img, iframe, object, embed, form, link[rel=stylesheet]")).isEmpty();
        assertThat(html.select("[src]")).isEmpty();
        assertThat(html.select("meta[name=color-scheme]").attr("content")).isEqualTo("light dark");
        assertThat(html.select("h2").eachText()).containsExactly("EU immigration", "Belarus");
        assertThat(html.select("a[href]").eachAttr("href")).contains(
                BASE + "/articles/a-border", BASE + "/articles/a-greece", BASE + "/articles/a-minsk",
                BASE + "/me", BASE + "/u/tok-123");
        Element border = html.selectFirst("a[href=" + BASE + "/articles/a-border]");
        assertThat(border.text()).isEqualTo("Lithuania builds a fence on its border with Belarus as crossings rise");
        assertThat(html.text()).contains("Why: About EU immigration", "Why: About Belarus",
                "Also reported by: Nordic Wire, riga-daily.example", "Ελλάδα", "Lukashenko’s",
                "Baltic Courier · 10 Aug 2021, 16:05", "Aegean Times · 10 Aug 2021");
    }

    @Test
    void everyElementOfTheHtmlHasExplicitColoursForDarkModeClients() {
        Document html = Jsoup.parse(renderer.render(twoSections(), "t", NOW).html());

        assertThat(html.body().attr("style")).contains("background-color:", "color:");
        for (Element e : html.select("p, h1, h2, a")) {
            boolean coloured = e.attr("style").contains("color:") || e.parents().stream()
                    .takeWhile(p -> p != html.body()).anyMatch(p -> p.attr("style").contains("color:") && p.is("p"));
            assertThat(coloured).as("%s has an explicit colour", e.cssSelector()).isTrue();
        }
    }

    @Test
    void aHostileTitleIsEscapedInTheHtml() {
        Article hostile = article("evil").title("<script>alert(1)</script> & \"friends\"")
                .summary("<img src=x onerror=alert(2)>").source("<b>Bold</b>").about("place/belarus", "Belarus", 0.9).build();
        Map<Article, List<FollowMatch>> matches = Map.of(hostile, List.of(matchOf(belarus)));
        OutgoingMail mail = renderer.render(builder.build(reader, builder.period(reader, AT), matches, Set.of()), "t", NOW);

        Document html = Jsoup.parse(mail.html());
        assertThat(html.select("script, img, b")).isEmpty();
        assertThat(html.text()).contains("<script>alert(1)</script> & \"friends\"", "<img src=x onerror=alert(2)>");
        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(mail.text()).contains("<script>alert(1)</script> & \"friends\"");
    }

    @Test
    void theFullestDigestStaysUnderOneHundredKilobytes() {
        // Twelve follows with more news than fits, every entry as long as the renderer lets it be.
        Map<Article, List<FollowMatch>> matches = new LinkedHashMap<>();
        for (int f = 0; f < 12; f++) {
            Follow follow = conceptFollow(reader, "f" + f, "topic/t" + f, "Topic & theme " + f, Instant.parse("2021-01-01T00:00:00Z").plusSeconds(f));
            for (int a = 0; a < 13; a++) {
                Article article = article("t" + f + "a" + a).source("Source & Co. " + a)
                        .title("A <very> long headline & more, about an event that happened somewhere ".repeat(4))
                        .summary("Words & <more> words ".repeat(40))
                        .quote("Some Speaker", "Quoted & <marked> words ".repeat(20))
                        .about("topic/t" + f, "Topic " + f, 0.5).build();
                matches.put(article, List.of(matchOf(follow)));
                for (int o = 0; o < 8; o++) {
                    matches.put(article("t" + f + "a" + a + "o" + o).story(article.story()).source("Other & Co. " + o)
                            .mentions("topic/t" + f, "Topic " + f, 0.1).build(), List.of(matchOf(follow)));
                }
            }
        }
        Digest digest = builder.build(reader, builder.period(reader, AT), matches, Set.of());
        OutgoingMail mail = renderer.render(digest, "t", NOW);

        assertThat(mail.html().getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
        assertThat(Jsoup.parse(mail.html()).select("a[href^=" + BASE + "/articles/t]"))
                .hasSize(DigestBuilder.MAX_TOTAL_ENTRIES);
    }

    @Test
    void anAlertShowsTheArticleAndWhyAndIsIdentifiedByItsStory() throws Exception {
        Article minsk = article("a-minsk").story("s-minsk").source("Minsk Wire").at("2021-08-10T19:45:00Z")
                .title("Lukashenko’s press conference runs for eight hours")
                .summary("The president answered questions from reporters for most of the day.")
                .quote("Alexander Lukashenko", "I am not going anywhere, and you all know it very well").build();

        OutgoingMail alert = renderer.alert(reader, minsk, "Matches \"Lukashenko AND border\"", "tok-9", NOW);

        assertThat(alert.messageId()).isEqualTo("<alert.r1.s-minsk@news.example.org>");
        assertThat(alert.subject()).isEqualTo("Alert: Lukashenko’s press conference runs for eight hours");
        assertThat(alert.unsubscribeUrl()).isEqualTo(BASE + "/u/tok-9");
        Document html = Jsoup.parse(alert.html());
        assertThat(html.select("a[href=" + BASE + "/articles/a-minsk]")).hasSize(1);
        assertThat(html.text()).contains("Why: Matches \"Lukashenko AND border\"");
        Golden.assertMatches("alert", alert.text());
    }
}
