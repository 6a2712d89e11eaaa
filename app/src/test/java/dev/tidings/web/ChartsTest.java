package dev.tidings.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {
    @Test
    void aBarChartHasOneBarPerValueScaledToTheLargestAndADescription() {
        String svg = Charts.bars("3 stories", List.of(new Charts.Bar("2026-11-01", 1), new Charts.Bar("2026-11-02", 0),
                new Charts.Bar("2026-11-03", 2)));
        Document doc = Jsoup.parse(svg, "", Parser.xmlParser());
        assertThat(doc.select("svg").attr("role")).isEqualTo("img");
        assertThat(doc.select("svg").attr("aria-label")).isEqualTo("3 stories");
        assertThat(doc.select("rect.bar")).hasSize(3);
        double tallest = Double.parseDouble(doc.select("rect.bar").get(2).attr("height"));
        double half = Double.parseDouble(doc.select("rect.bar").get(0).attr("height"));
        assertThat(half).isCloseTo(tallest / 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(doc.select("rect.bar").get(1).attr("height")).isEqualTo("0.0");
        assertThat(doc.select("rect.bar title").eachText()).contains("2026-11-03: 2");
    }

    @Test
    void labelsCannotInjectMarkup() {
        String svg = Charts.timeline("<script>alert(1)</script>", List.of(
                new Charts.Point(Instant.parse("2026-11-01T00:00:00Z"), "<img src=x onerror=alert(1)>"),
                new Charts.Point(Instant.parse("2026-11-02T00:00:00Z"), "Wire & \"Post\"")));
        Document doc = Jsoup.parse(svg, "", Parser.xmlParser());
        assertThat(doc.select("script, img")).isEmpty();
        assertThat(doc.select("circle.dot")).hasSize(2);
        assertThat(doc.select("text").eachText()).contains("<img src=x onerror=alert(1)>", "Wire & \"Post\"");
    }
}
