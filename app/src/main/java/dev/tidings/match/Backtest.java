package dev.tidings.match;

import dev.tidings.model.Article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a follow would have sent over the last days, shown before it is saved: articles per day and
 * a few of them with the reason they matched. A follow that would send 200 articles a day shows it here.
 *
 * @param days     one entry per calendar day of the window, oldest first, zero days included
 * @param total    matched articles in the window
 * @param examples the newest matches, at most the number asked for
 * @param capped   true when the archive search stopped at its limit, so the counts are lower bounds
 */
public record Backtest(List<Day> days, int total, List<Example> examples, boolean capped) {
    public record Day(LocalDate date, int articles) {}

    public record Example(String articleId, String title, Instant published, String why) {}

    public Backtest {
        days = List.copyOf(days);
        examples = List.copyOf(examples);
    }

    /** Articles per day on average over the window. */
    public double perDay() {
        return days.isEmpty() ? 0 : (double) total / days.size();
    }

    /** The busiest day's count. */
    public int busiestDay() {
        return days.stream().mapToInt(Day::articles).max().orElse(0);
    }

    /**
     * Counts matched articles per day of {@code [now − days, now)} in the zone (articles outside the
     * window are left out) and keeps the newest few as examples.
     *
     * @param why the reason line for an example
     */
    public static Backtest tally(List<Article> matched, Function<Article, String> why, Instant now, int days,
                                 ZoneId zone, int exampleCount, boolean capped) {
        Instant from = now.minus(java.time.Duration.ofDays(days));
        TreeMap<LocalDate, Integer> perDay = new TreeMap<>();
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(now.minusMillis(1), zone);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) perDay.put(d, 0);
        List<Article> inWindow = new ArrayList<>();
        for (Article a : matched) {
            Instant at = a.effectivePublished().instant();
            if (at.isBefore(from) || !at.isBefore(now)) continue;
            inWindow.add(a);
            perDay.merge(LocalDate.ofInstant(at, zone), 1, Integer::sum);
        }
        inWindow.sort(Comparator.comparing((Article a) -> a.effectivePublished().instant()).reversed()
                .thenComparing(Article::id));
        List<Example> examples = inWindow.stream().limit(exampleCount)
                .map(a -> new Example(a.id(), a.title(), a.effectivePublished().instant(), why.apply(a))).toList();
        List<Day> dayList = perDay.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
        return new Backtest(dayList, inWindow.size(), examples, capped);
    }
}
