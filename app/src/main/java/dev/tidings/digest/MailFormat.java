package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the renderers share: links and Message-IDs under the base URL, the wording of an entry, the text
 * layout of an entry and a footer, and the precompiled HTML templates. Thread-safe (immutable).
 */
final class MailFormat {
    static final int SUMMARY_LIMIT = 180;
    static final int QUOTE_LIMIT = 220;
    static final int TITLE_LIMIT = 160;
    static final int SOURCES_LIMIT = 5;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final Pattern NOT_ATOM = Pattern.compile("[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,;:.–—-]+$");
    private static final Pattern QUOTE_MARKS = Pattern.compile("^[\"“”„«»']+|[\"“”„«»']+$");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"”’)]?\\s");

    private final String baseUrl;
    private final String host;
    private final String from;
    private final String fromAddress;
    private final TemplateEngine templates =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.tidings.templates");

    MailFormat(String baseUrl, String from) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.from = Objects.requireNonNull(from, "from");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String parsedHost;
        try {
            parsedHost = URI.create(this.baseUrl).getHost();
        } catch (IllegalArgumentException e) {
            parsedHost = null;
        }
        this.host = parsedHost == null || parsedHost.isBlank() ? "localhost" : parsedHost;
        int lt = from.lastIndexOf('<');
        int gt = from.lastIndexOf('>');
        this.fromAddress = lt >= 0 && gt > lt ? from.substring(lt + 1, gt).strip() : from.strip();
    }

    String from() {
        return from;
    }

    String articleUrl(String articleId) {
        return baseUrl + "/articles/" + segment(articleId);
    }

    String meUrl() {
        return baseUrl + "/me";
    }

    String unsubscribeUrl(String token) {
        return baseUrl + "/u/" + segment(token);
    }

    /** The page of what a follow is about: the concept's page, or the search. */
    String followUrl(dev.tidings.model.Follow follow) {
        return follow.kind() == dev.tidings.model.Follow.Kind.CONCEPT
                ? baseUrl + "/concepts/" + follow.target()
                : baseUrl + "/search?q=" + segment(follow.target());
    }

    String unsubscribeMailto(String token) {
        return "mailto:" + fromAddress + "?subject=unsubscribe%20" + segment(token);
    }

    /** {@code <left@host>}, where every part of left that may not appear in a Message-ID becomes '-'. */
    String messageId(String... parts) {
        String left = String.join(".", parts);
        return "<" + NOT_ATOM.matcher(left).replaceAll("-") + "@" + host + ">";
    }

    static String sha256Hex(String text, int hexChars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Renders a template under {@code src/main/jte/} (e.g. {@code mail/digest.jte}); values are HTML-escaped. */
    String html(String template, Object view) {
        return html(template, view, 16 * 1024);
    }

    /** As {@link #html(String, Object)}, into a buffer of {@code capacity} characters to start with. */
    String html(String template, Object view, int capacity) {
        StringOutput out = new StringOutput(capacity);
        templates.render(template, view, out);
        return out.toString();
    }

    // ---- wording of one entry ----

    MailView.Entry entry(Article article, String reason, List<Article> others, ZoneId zone) {
        return entry(article, reason, others, zone, null);
    }

    /** The entry, with what does not depend on the reader taken from {@code shared} when it is not null. */
    MailView.Entry entry(Article article, String reason, List<Article> others, ZoneId zone, DigestRenderer.Shared shared) {
        Wording w = shared == null ? wording(article) : shared.wording(article, this);
        return new MailView.Entry(
                w.title(),
                w.url(),
                shared == null ? byline(article, zone) : shared.byline(article, zone),
                w.summary(),
                w.quote(),
                alsoReportedBy(w.source(), others, shared == null ? MailFormat::sourceName
                        : other -> Optional.ofNullable(shared.wording(other, this).source())).orElse(null),
                "Why: " + oneLine(reason));
    }

    /** What an entry says of its article whoever reads it; {@code quote} and {@code source} may be null. */
    record Wording(String title, String url, String summary, String quote, String source) {}

    Wording wording(Article article) {
        return new Wording(limit(oneLine(article.title()), TITLE_LIMIT), articleUrl(article.id()),
                summary(article.summary()), quote(article).orElse(null), sourceName(article).orElse(null));
    }

    /** Source and local date/time; a date without a time of day is shown as that date, in no zone. */
    static String byline(Article article, ZoneId zone) {
        Published published = article.effectivePublished();
        String when = published.dateOnly()
                ? DATE.format(LocalDate.ofInstant(published.instant(), ZoneOffset.UTC))
                : DATE_TIME.format(published.instant().atZone(zone));
        return sourceName(article).map(source -> source + " · " + when).orElse(when);
    }

    static Optional<String> sourceName(Article article) {
        if (article.source() != null && !article.source().isBlank()) {
            return Optional.of(limit(oneLine(article.source()), 60));
        }
        if (article.url() != null) {
            try {
                String h = URI.create(article.url()).getHost();
                if (h != null) return Optional.of(h.startsWith("www.") ? h.substring(4) : h);
            } catch (IllegalArgumentException ignored) {
                // not a URL we can name a source by
            }
        }
        return Optional.empty();
    }

    /** About two lines: whole sentences when they fit, else cut at a word with an ellipsis. */
    static String summary(String text) {
        String s = oneLine(text);
        if (s.length() <= SUMMARY_LIMIT) {
            return s;
        }
        var m = SENTENCE_END.matcher(s);
        int cut = -1;
        while (m.find() && m.end() - 1 <= SUMMARY_LIMIT) {
            if (m.end() - 1 >= 60) cut = m.end() - 1;
        }
        if (cut > 0) {
            return s.substring(0, cut).strip();
        }
        return cutAtWord(s, SUMMARY_LIMIT - 1) + "…";
    }

    /**
     * The quote worth showing: one with a known speaker first, then one short enough to show whole, then the
     * longer; shown as {@code “…” — Speaker}.
     */
    static Optional<String> quote(Article article) {
        return article.quotes().stream()
                .filter(q -> oneLine(q.text()).length() >= 20)
                .max(Comparator.comparing((Quote q) -> hasSpeaker(q))
                        .thenComparing(q -> oneLine(q.text()).length() <= QUOTE_LIMIT)
                        .thenComparing(q -> oneLine(q.text()).length()))
                .map(q -> {
                    String words = QUOTE_MARKS.matcher(oneLine(q.text())).replaceAll("").strip();
                    if (words.length() > QUOTE_LIMIT) words = cutAtWord(words, QUOTE_LIMIT - 1) + "…";
                    return "“" + words + "”" + (hasSpeaker(q) ? " — " + oneLine(q.speakerLabel()) : "");
                });
    }

    private static boolean hasSpeaker(Quote q) {
        return q.speakerLabel() != null && !q.speakerLabel().isBlank();
    }

    /** {@code Also reported by: A, B} naming the other sources of the story, or a count when they have none. */
    static Optional<String> alsoReportedBy(Article shown, List<Article> others) {
        return alsoReportedBy(sourceName(shown).orElse(null), others, MailFormat::sourceName);
    }

    private static Optional<String> alsoReportedBy(String shownSource, List<Article> others,
                                                   java.util.function.Function<Article, Optional<String>> sourceName) {
        if (others.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        int unnamed = 0;
        for (Article other : others) {
            Optional<String> name = sourceName.apply(other);
            if (name.isEmpty()) unnamed++;
            else if (!name.get().equals(shownSource)) names.add(name.get());
        }
        if (names.isEmpty()) {
            return Optional.of("Also reported in " + others.size() + (others.size() == 1 ? " more article" : " more articles"));
        }
        List<String> listed = names.stream().limit(SOURCES_LIMIT).toList();
        int more = unnamed + names.size() - listed.size();
        String list = String.join(", ", listed);
        if (more > 0) list += " and " + more + (more == 1 ? " other" : " others");
        return Optional.of("Also reported by: " + list);
    }

    static String limit(String text, int limit) {
        return text.length() <= limit ? text : cutAtWord(text, limit - 1) + "…";
    }

    /** Runs of white space ({@code \\s}: space, tab, line breaks) as one space, the ends stripped. */
    static String oneLine(String text) {
        if (text == null) return "";
        // Done by hand: it runs on every field of every entry, and most are one line already.
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                if (out != null) out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isSpace(text.charAt(end))) end++;
            if (out == null && (c != ' ' || end > i + 1)) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) out.append(' ');
            i = end - 1;
        }
        return (out == null ? text : out.toString()).strip();
    }

    /** What the regex {@code \\s} matches. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static String cutAtWord(String s, int limit) {
        int space = s.lastIndexOf(' ', limit);
        String cut = space > limit / 2 ? s.substring(0, space) : s.substring(0, limit);
        return TRAILING_PUNCTUATION.matcher(cut).replaceAll("");
    }

    // ---- text layout ----

    /** An entry in the text part: title, byline, link, then summary, quote, other sources and reason. */
    static void appendEntry(PlainText text, MailView.Entry entry) {
        text.wrapped(entry.title(), "* ", "  ");
        text.wrapped(entry.byline(), "  ", "  ");
        text.line("  " + entry.url());
        text.blank();
        text.wrapped(entry.summary(), "  ", "  ");
        if (entry.quote() != null) {
            text.blank();
            text.wrapped(entry.quote(), "  ", "  ");
        }
        text.blank();
        if (entry.alsoReportedBy() != null) {
            text.wrapped(entry.alsoReportedBy(), "  ", "  ");
        }
        text.wrapped(entry.reason(), "  ", "  ");
        text.blank();
    }

    /** The signature block: the {@code -- } line lets mail clients grey it out or fold it. */
    static void appendFooter(PlainText text, MailView.Layout layout) {
        text.blank();
        text.line("-- ");
        text.wrapped(layout.footer());
        if (layout.meUrl() != null) {
            text.line("Change what you follow:");
            text.line(layout.meUrl());
        }
        if (layout.unsubscribeUrl() != null) {
            text.line("Unsubscribe:");
            text.line(layout.unsubscribeUrl());
        }
    }
}
