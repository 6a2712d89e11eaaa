package dev.tidings.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn on the server as inline SVG, so they show without JavaScript and carry a text
 * description for screen readers. Every label is escaped here: the templates output the SVG as is.
 */
public final class Charts {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int AXIS = 18;

    private Charts() {
    }

    /** One bar of a bar chart. */
    public record Bar(String label, int value) {}

    /** One point on a timeline. */
    public record Point(Instant at, String label) {}

    /** A bar chart; every bar gets a tooltip, and the first and last labels are written under the axis. */
    public static String bars(String description, List<Bar> bars) {
        int max = Math.max(1, bars.stream().mapToInt(Bar::value).max().orElse(1));
        double step = (double) WIDTH / Math.max(1, bars.size());
        StringBuilder svg = open(description);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = (HEIGHT - AXIS - 4) * (double) b.value() / max;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    i * step + 1, HEIGHT - AXIS - h, Math.max(1, step - 2), h, escape(b.label()), b.value()));
        }
        if (!bars.isEmpty()) {
            svg.append(text(2, HEIGHT - 4, "start", bars.get(0).label()));
            svg.append(text(WIDTH - 2, HEIGHT - 4, "end", bars.get(bars.size() - 1).label()));
            svg.append(text(2, 11, "start", "max " + max));
        }
        return svg.append("</svg>").toString();
    }

    /** Points on a time axis, each with its label (a source on a story's timeline). */
    public static String timeline(String description, List<Point> points) {
        StringBuilder svg = open(description);
        if (points.isEmpty()) return svg.append("</svg>").toString();
        long from = points.stream().mapToLong(p -> p.at().toEpochMilli()).min().orElse(0);
        long to = points.stream().mapToLong(p -> p.at().toEpochMilli()).max().orElse(0);
        long span = Math.max(1, to - from);
        svg.append(String.format(Locale.ROOT, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-opacity=\".4\"/>",
                HEIGHT / 2, WIDTH - 10, HEIGHT / 2));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = 10 + (WIDTH - 20) * (double) (p.at().toEpochMilli() - from) / span;
            int y = HEIGHT / 2;
            svg.append(String.format(Locale.ROOT, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%d\" r=\"5\"><title>%s</title></circle>",
                    x, y, escape(p.label() + " · " + p.at())));
            int labelY = i % 2 == 0 ? y - 12 : y + 22;
            String anchor = x < 80 ? "start" : x > WIDTH - 80 ? "end" : "middle";
            svg.append(text(x, labelY, anchor, p.label()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String description) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-label=\"%s\"><title>%s</title>", WIDTH, HEIGHT, WIDTH, HEIGHT,
                escape(description), escape(description)));
    }

    private static String text(double x, int y, String anchor, String label) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                escape(label.length() > 28 ? label.substring(0, 27) + "…" : label));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
