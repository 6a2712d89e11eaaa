package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.Published;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void countsMatchedArticlesPerDayOverTheLastThirtyDaysAndShowsTheNewest() throws Exception {
        // a seeded archive: 40 days, 0–9 articles a day, every third about the border
        Random random = new Random(5);
        List<Article> archive = new ArrayList<>();
        int[] expectedPerDay = new int[40];
        for (int day = 0; day < 40; day++) {
            int n = random.nextInt(10);
            for (int i = 0; i < n; i++) {
                boolean border = archive.size() % 3 == 0;
                Instant at = NOW.minusSeconds(86_400L * day + 3600L * (1 + i));
                if (border && at.isAfter(NOW.minusSeconds(86_400L * 30))) {
                    expectedPerDay[(int) (LocalDate.ofInstant(NOW, ZoneOffset.UTC).toEpochDay()
                            - LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay())]++;
                }
                archive.add(at(Articles.article("a" + archive.size(), border ? "Border guards on alert" : "Markets calm",
                        "Nothing else happened today.", "Wire", "en"), at));
            }
        }
        SavedQuery border = SavedQuery.parse("border");
        List<Article> matched = archive.stream().filter(border::matches).toList();

        Backtest result = Backtest.tally(matched, a -> "Matches border", NOW, 30, ZoneOffset.UTC, 3, false);

        assertThat(result.days()).hasSize(31);
        assertThat(result.days().get(0).date()).isEqualTo(LocalDate.parse("2026-10-31"));
        for (Backtest.Day d : result.days()) {
            int back = (int) (LocalDate.parse("2026-11-30").toEpochDay() - d.date().toEpochDay());
            assertThat(d.articles()).as(d.date().toString()).isEqualTo(expectedPerDay[back]);
        }
        int total = 0;
        for (int back = 0; back <= 30; back++) total += expectedPerDay[back];
        assertThat(result.total()).isEqualTo(total).isPositive();
        assertThat(result.perDay()).isEqualTo(total / 31.0);
        assertThat(result.examples()).hasSize(3);
        assertThat(result.examples().get(0).published()).isAfterOrEqualTo(result.examples().get(1).published());
        assertThat(result.examples()).allSatisfy(e -> {
            assertThat(e.title()).startsWith("Border");
            assertThat(e.why()).isEqualTo("Matches border");
        });
    }

    @Test
    void anArticleOutsideTheWindowIsNotCounted() {
        Article old = at(Articles.named("football"), NOW.minusSeconds(86_400L * 31));
        Article future = at(Articles.named("asylum-vote"), NOW.plusSeconds(60));

        Backtest result = Backtest.tally(List.of(old, future), a -> "", NOW, 30, ZoneOffset.UTC, 5, false);

        assertThat(result.total()).isZero();
        assertThat(result.examples()).isEmpty();
    }

    private static Article at(Article a, Instant when) {
        return new Article(a.id(), a.title(), Published.at(when), a.language(), a.url(), a.source(), a.author(),
                a.summary(), a.text(), a.boilerplate(), a.concepts(), a.quotes(), a.story(), a.contentHash(), when);
    }
}
