package dev.tidings.web;

import dev.tidings.Tidings;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.DigestDispatcher;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.pipeline.RejectedInput;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTML pages, feeds, health and metrics. All routes are in {@link #register}. */
public final class WebRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);
    static final String SESSION_COOKIE = "tidings_session";
    static final String CSRF_COOKIE = "tidings_csrf";
    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int PAGE_SIZE = 20;

    /** One story on a list: its newest article and the other articles of the story. */
    public record StoryCard(Article lead, List<Article> others) {}

    /** A concept with many recent articles about it. */
    public record Moving(String id, String label, int articles) {}

    private final Tidings tidings;
    private final TemplateEngine templates;
    private final PrometheusMeterRegistry metrics;
    private final SecureRandom random = new SecureRandom();
    private final dev.tidings.auth.RateLimiter clientLimiter;
    private final dev.tidings.auth.RateLimiter adminLimiter;
    private final boolean secureCookies;
    private final String css;
    private final String js;

    WebRoutes(Tidings tidings, TemplateEngine templates, PrometheusMeterRegistry metrics,
              dev.tidings.auth.RateLimiter clientLimiter) {
        this.tidings = tidings;
        this.clientLimiter = clientLimiter;
        this.adminLimiter = new dev.tidings.auth.RateLimiter(10, java.time.Duration.ofMinutes(15), 10_000, tidings.clock());
        this.templates = templates;
        this.metrics = metrics;
        this.secureCookies = tidings.config().baseUrl().startsWith("https:");
        this.css = resource("static/tidings.css");
        this.js = resource("static/tidings.js");
        Gauge.builder("tidings_articles", tidings.articles(), a -> a.count()).description("stored articles").register(metrics);
        Gauge.builder("tidings_readers", tidings.readers(), r -> r.all().size()).description("readers").register(metrics);
        Gauge.builder("tidings_outbox_pending", tidings.deliveries(), d -> d.pending(10_000).size())
                .description("messages waiting in the outbox").register(metrics);
    }

    void register(RoutesConfig r) {
        r.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header("X-Frame-Options", "DENY");
        });
        r.after(ctx -> metrics.counter("tidings_http_requests", "status", String.valueOf(ctx.statusCode())).increment());
        r.get("/", this::home);
        r.get("/static/tidings.css", ctx -> ctx.contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(css));
        r.get("/static/tidings.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(js));
        r.get("/articles/{id}", this::article);
        r.get("/stories/{id}", this::story);
        r.get("/concepts/{type}/{slug}", this::concept);
        r.post("/concepts/{type}/{slug}/follow", this::followConcept);
        r.get("/concepts/{type}/{slug}/feed.atom", this::conceptFeed);
        r.get("/search", this::search);
        r.get("/search/feed.atom", this::searchFeed);
        r.get("/signup", ctx -> render(ctx, "web/form.jte", Map.of("page", page(ctx), "title", "Sign up",
                "intro", "Follow topics, people, places and searches; get a daily digest and instant alerts.",
                "action", "/signup", "button", "Sign up", "withPreferences", true)));
        r.post("/signup", this::signUp);
        r.get("/confirm/{token}", this::confirm);
        r.get("/signin", ctx -> render(ctx, "web/form.jte", Map.of("page", page(ctx), "title", "Sign in",
                "intro", "We will email you a link that signs you in.", "action", "/signin", "button",
                "Email me a link", "withPreferences", false)));
        r.post("/signin", this::requestSignIn);
        r.get("/signin/{token}", this::signIn);
        r.post("/signout", ctx -> {
            checkCsrf(ctx);
            ctx.removeCookie(SESSION_COOKIE, "/");
            ctx.redirect("/");
        });
        r.get("/me", this::me);
        r.post("/me/follow", this::meFollow);
        r.post("/me/unfollow", this::meUnfollow);
        r.get("/me/preview", this::preview);
        r.post("/me/follow-settings", this::meFollowSettings);
        r.get("/me/backtest", this::meBacktest);
        r.post("/me/mute", this::meMute);
        r.post("/me/unmute", this::meUnmute);
        r.post("/me/settings", this::meSettings);
        r.get("/me/export.json", this::meExport);
        r.post("/me/erase", this::meErase);
        r.get("/u/{token}", this::unsubscribePage);
        r.post("/u/{token}", this::unsubscribe);
        r.get("/admin", this::admin);
        r.get("/admin/taxonomy", this::adminTaxonomy);
        r.post("/admin/taxonomy", this::adminDefineConcept);
        r.post("/admin/sources", this::adminAddSource);
        new DeliveryRoutes(this, tidings).register(r);
        r.get("/health", ctx -> ctx.contentType("application/json").result(
                "{\"status\":\"ok\",\"articles\":" + tidings.articles().count() + "}"));
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        r.exception(ForbiddenResponse.class, (e, ctx) -> message(ctx.status(403), "Not allowed", e.getMessage()));
        r.exception(NotFoundResponse.class, (e, ctx) -> message(ctx.status(404), "Not found", e.getMessage()));
        r.exception(ReaderAccounts.RateLimited.class, (e, ctx) -> message(ctx.status(429), "Slow down", e.getMessage()));
        r.exception(RejectedInput.class, (e, ctx) -> message(ctx.status(400), "That did not work", e.getMessage()));
    }

    private void home(Context ctx) {
        int pageNumber = Math.max(1, intParam(ctx, "page", 1));
        List<Article> latest = tidings.articles().latest(PAGE_SIZE + 1, (pageNumber - 1) * PAGE_SIZE);
        boolean more = latest.size() > PAGE_SIZE;
        render(ctx, "web/home.jte", Map.of("page", page(ctx), "latest", stories(more ? latest.subList(0, PAGE_SIZE) : latest),
                "moving", moving(), "pageNumber", pageNumber, "hasMore", more));
    }

    /** One card per story, in the order of the newest article of each. */
    private List<StoryCard> stories(List<Article> articles) {
        Map<String, Article> leads = new LinkedHashMap<>();
        for (Article a : articles) leads.putIfAbsent(a.story(), a);
        Map<String, Integer> sizes = tidings.articles().storySizes(leads.keySet());
        List<StoryCard> cards = new ArrayList<>();
        for (Article lead : leads.values()) {
            // Most stories have one article: only the others of a larger story are read.
            List<Article> others = sizes.getOrDefault(lead.story(), 1) < 2 ? List.of()
                    : tidings.articles().storyPage(lead.story(), 6).newest().stream()
                            .filter(o -> !o.id().equals(lead.id())).limit(5).toList();
            cards.add(new StoryCard(lead, others));
        }
        return cards;
    }

    private volatile Moving[] moving = new Moving[0];
    private volatile long movingAt;

    /** Concepts with the most stories in the last week (or the last 200 articles); cached for 30 s. */
    private List<Moving> moving() {
        long now = System.nanoTime();
        if (movingAt != 0 && now - movingAt < 30_000_000_000L) return List.of(moving);
        java.time.Instant weekAgo = tidings.clock().instant().minus(java.time.Duration.ofDays(7));
        // A quiet or old archive still shows what its newest articles are about.
        java.time.Instant since = tidings.articles().publishedAtRank(0).filter(newest -> newest.isAfter(weekAgo))
                .map(newest -> weekAgo)
                .orElseGet(() -> tidings.articles().publishedAtRank(199).orElse(java.time.Instant.EPOCH));
        List<Moving> found = new ArrayList<>();
        for (var c : tidings.articles().storiesAbout(since, 12)) {
            tidings.taxonomy().byId(c.conceptId()).ifPresent(concept -> found.add(new Moving(c.conceptId(), concept.label(), c.count())));
        }
        moving = found.toArray(Moving[]::new);
        movingAt = now;
        return found;
    }

    private void article(Context ctx) {
        Article a = tidings.articles().byId(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("There is no article " + ctx.pathParam("id") + "."));
        render(ctx, "web/article.jte", Map.of("page", page(ctx), "article", a, "story", tidings.articles().ofStory(a.story())));
    }

    private void story(Context ctx) {
        List<Article> articles = tidings.articles().ofStory(ctx.pathParam("id"));
        if (articles.isEmpty()) throw new NotFoundResponse("There is no story " + ctx.pathParam("id") + ".");
        String timeline = Charts.timeline("When each source reported this story", articles.stream()
                .map(a -> new Charts.Point(a.effectivePublished().instant(), a.source() != null ? a.source() : a.title()))
                .toList());
        render(ctx, "web/story.jte", Map.of("page", page(ctx), "articles", articles, "timeline", timeline,
                "why", ArticlePipeline.whyJoined(articles)));
    }

    private Concept conceptOf(Context ctx) {
        String id = ctx.pathParam("type") + "/" + ctx.pathParam("slug");
        return tidings.taxonomy().byId(id).orElseThrow(() -> new NotFoundResponse("There is no concept " + id + "."));
    }

    private void concept(Context ctx) {
        Concept c = conceptOf(ctx);
        List<Article> tagged = tidings.articles().withConcept(c.id(), 60);
        List<Article> about = new ArrayList<>();
        List<Article> mentions = new ArrayList<>();
        for (Article a : tagged) {
            boolean isAbout = a.tag(c.id()).map(ConceptTag::isAbout).orElse(false);
            (isAbout ? about : mentions).add(a);
        }
        Optional<Reader> reader = reader(ctx);
        boolean following = reader.map(rd -> tidings.accounts().follows(rd).stream()
                .anyMatch(f -> f.target().equals(c.id()))).orElse(false);
        render(ctx, "web/concept.jte", Map.of("page", page(ctx).withFeed("/concepts/" + c.id() + "/feed.atom"),
                "concept", c, "about", about.subList(0, Math.min(30, about.size())),
                "mentions", mentions.subList(0, Math.min(20, mentions.size())), "following", following,
                "coverage", coverage(c, tagged)));
    }

    private void followConcept(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
        limitClient(ctx);
        Concept c = conceptOf(ctx);
        Optional<Reader> reader = reader(ctx);
        if (reader.isPresent()) {
            tidings.accounts().follow(reader.get(), c.id(), false, false);
            if (Optional.ofNullable(ctx.header("Accept")).orElse("").contains("application/json")) {
                ctx.contentType("application/json").result(dev.tidings.api.JsonShapes.write(
                        Map.of("following", true, "id", c.id(), "label", c.label()), false));
            } else {
                ctx.redirect("/concepts/" + c.id() + "?followed=1");
            }
            return;
        }
        tidings.accounts().signUp(ctx.formParam("email"), ReaderAccounts.Preferences.defaults(), c.id());
        message(ctx, "Check your email", "We sent a link to confirm your address. Once you confirm, you follow "
                + c.label() + ".");
    }

    /** Stories about the concept per day over the last 30 days, as an SVG bar chart. */
    private String coverage(Concept c, List<Article> tagged) {
        java.time.LocalDate today = tidings.clock().instant().atZone(ZoneId.of("UTC")).toLocalDate();
        Map<java.time.LocalDate, java.util.Set<String>> stories = new HashMap<>();
        for (Article a : tagged) {
            if (!a.tag(c.id()).map(ConceptTag::isAbout).orElse(false)) continue;
            java.time.LocalDate day = a.effectivePublished().instant().atZone(ZoneId.of("UTC")).toLocalDate();
            stories.computeIfAbsent(day, d -> new java.util.HashSet<>()).add(a.story());
        }
        List<Charts.Bar> bars = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            java.time.LocalDate day = today.minusDays(i);
            bars.add(new Charts.Bar(day.toString(), stories.getOrDefault(day, java.util.Set.of()).size()));
        }
        int total = bars.stream().mapToInt(Charts.Bar::value).sum();
        return Charts.bars(total + " stories about " + c.label() + " in the last 30 days, per day", bars);
    }

    private void conceptFeed(Context ctx) {
        Concept c = conceptOf(ctx);
        String base = tidings.config().baseUrl();
        atom(ctx, AtomFeed.write(c.label() + " · Tidings", base + "/concepts/" + c.id() + "/feed.atom",
                base + "/concepts/" + c.id(), base, tidings.articles().withConcept(c.id(), 50).stream()
                        .filter(a -> a.tag(c.id()).map(ConceptTag::isAbout).orElse(false)).toList(),
                tidings.clock().instant()));
    }

    private void search(Context ctx) {
        SearchRequest search = SearchRequest.of(ctx);
        String error = null;
        List<Article> results = List.of();
        boolean more = false;
        if (!search.isEmpty()) {
            try {
                int skip = (search.page() - 1) * SearchRequest.PAGE_SIZE;
                List<Article> all = find(search, skip + SearchRequest.PAGE_SIZE + 1);
                more = all.size() > skip + SearchRequest.PAGE_SIZE;
                results = all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + SearchRequest.PAGE_SIZE));
            } catch (QuerySyntaxException e) {
                error = e.getMessage();
                ctx.status(400);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page(ctx).withQuery(search.q())
                .withFeed(search.isEmpty() ? null : "/search/feed.atom?" + search.queryString()));
        model.put("search", search);
        model.put("error", error);
        model.put("results", results);
        model.put("hasMore", more);
        render(ctx, "web/search.jte", model);
    }

    private void searchFeed(Context ctx) {
        SearchRequest search = SearchRequest.of(ctx);
        String base = tidings.config().baseUrl();
        if (search.isEmpty()) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("Give a search as ?q= (and filters).");
            return;
        }
        try {
            atom(ctx, AtomFeed.write("Search: " + search.query() + " · Tidings", base + "/search/feed.atom?" + search.queryString(),
                    base + "/search?" + search.queryString(), base, find(search, 50), tidings.clock().instant()));
        } catch (QuerySyntaxException e) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
        }
    }

    /** Results best first, date filters applied; the index is asked for more when dates filter some out. */
    private List<Article> find(SearchRequest search, int limit) throws QuerySyntaxException {
        int ask = search.from() == null && search.to() == null ? limit : Math.max(limit * 5, 500);
        List<Article> out = new ArrayList<>();
        for (Article a : find(search.query(), ask)) {
            if (search.inDates(a)) out.add(a);
            if (out.size() == limit) break;
        }
        return out;
    }

    private List<Article> find(String q, int limit) throws QuerySyntaxException {
        List<Article> out = new ArrayList<>();
        for (String id : tidings.searchIndex().search(q, limit)) tidings.articles().byId(id).ifPresent(out::add);
        return out;
    }

    private void signUp(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
        limitClient(ctx);
        ZoneId zone = null;
        java.time.LocalTime at = null;
        try {
            if (ctx.formParam("timezone") != null && !ctx.formParam("timezone").isBlank()) zone = ZoneId.of(ctx.formParam("timezone").strip());
            if (ctx.formParam("digestAt") != null && !ctx.formParam("digestAt").isBlank()) at = java.time.LocalTime.parse(ctx.formParam("digestAt").strip());
        } catch (java.time.DateTimeException e) {
            throw new RejectedInput("Please give a time zone such as Europe/Berlin and a time such as 07:00.", true);
        }
        tidings.accounts().signUp(ctx.formParam("email"), new ReaderAccounts.Preferences(zone, at, null, null), null);
        message(ctx, "Check your email", "If the address can receive mail, a link to confirm it is on its way. "
                + "The link works for 48 hours.");
    }

    private void confirm(Context ctx) {
        Optional<Reader> reader = tidings.accounts().confirm(ctx.pathParam("token"));
        if (reader.isEmpty()) {
            message(ctx.status(400), "This link does not work", "It may have expired. Sign up again to get a new one.");
            return;
        }
        startSession(ctx, reader.get());
        ctx.redirect("/me?confirmed=1");
    }

    private void requestSignIn(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
        limitClient(ctx);
        tidings.accounts().requestSignIn(ctx.formParam("email"));
        message(ctx, "Check your email", "If that address belongs to a reader, a sign-in link is on its way.");
    }

    private void signIn(Context ctx) {
        Optional<Reader> reader = tidings.accounts().signIn(ctx.pathParam("token"));
        if (reader.isEmpty()) {
            message(ctx.status(400), "This link does not work", "It may have expired. Ask for a new one.");
            return;
        }
        startSession(ctx, reader.get());
        ctx.redirect("/me");
    }

    private void me(Context ctx) {
        Reader reader = requireReader(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("mutes", tidings.accounts().mutes(reader));
        model.put("counts", backtestCounts(reader));
        String notice = ctx.queryParam("confirmed") != null ? "Your address is confirmed. Welcome to Tidings." : null;
        model.put("page", page(ctx).withNotice(notice));
        model.put("reader", reader);
        model.put("follows", tidings.accounts().follows(reader));
        model.put("error", ctx.attribute("error"));
        render(ctx, "web/me.jte", model);
    }

    private void meFollow(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        try {
            tidings.accounts().follow(reader, ctx.formParam("what"), "on".equals(ctx.formParam("instant")),
                    "on".equals(ctx.formParam("aboutOnly")));
            ctx.redirect("/me");
        } catch (RejectedInput e) {
            ctx.attribute("error", e.getMessage());
            ctx.status(400);
            me(ctx);
        }
    }

    /** For each of the reader's follows, how many articles it matched in the last 30 days. */
    private Map<String, Integer> backtestCounts(Reader reader) {
        java.time.Instant since = tidings.clock().instant().minus(java.time.Duration.ofDays(30));
        Map<String, Integer> counts = new HashMap<>();
        for (var f : tidings.accounts().follows(reader)) {
            if (f.kind() == dev.tidings.model.Follow.Kind.CONCEPT) {
                counts.put(f.target(), tidings.articles().countWithConcept(f.target(), f.aboutOnly(), since));
            } else {
                try {
                    counts.put(f.target(), tidings.accounts().backtest(f, tidings.backtester(), reader.zone()).total());
                } catch (RejectedInput e) {
                    // a follow saved before a change to the query language: shown without a count
                }
            }
        }
        return counts;
    }

    /** What a follow would have sent over the last 30 days, before the reader saves it. */
    private void meBacktest(Context ctx) {
        Reader reader = requireReader(ctx);
        String what = Optional.ofNullable(ctx.queryParam("what")).orElse("").strip();
        boolean aboutOnly = "on".equals(ctx.queryParam("aboutOnly"));
        try {
            var follow = tidings.accounts().draft(what, aboutOnly);
            var result = tidings.accounts().backtest(follow, tidings.backtester(), reader.zone());
            String chart = Charts.bars(result.total() + " articles in the last " + result.days().size() + " days, per day",
                    result.days().stream().map(d -> new Charts.Bar(d.date().toString(), d.articles())).toList());
            Map<String, Object> model = new HashMap<>();
            model.put("page", page(ctx));
            model.put("what", what);
            model.put("label", follow.label());
            model.put("aboutOnly", aboutOnly);
            model.put("result", result);
            model.put("chart", chart);
            render(ctx, "web/backtest.jte", model);
        } catch (RejectedInput e) {
            ctx.attribute("error", e.getMessage());
            ctx.status(400);
            me(ctx);
        }
    }

    private void meFollowSettings(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        tidings.accounts().updateFollow(reader, Optional.ofNullable(ctx.formParam("target")).orElse(""),
                "on".equals(ctx.formParam("instant")), "on".equals(ctx.formParam("aboutOnly")));
        ctx.redirect("/me");
    }

    private void meMute(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        try {
            tidings.accounts().mute(reader, ctx.formParam("what"));
            ctx.redirect("/me");
        } catch (RejectedInput e) {
            ctx.attribute("error", e.getMessage());
            ctx.status(400);
            me(ctx);
        }
    }

    private void meUnmute(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        try {
            tidings.accounts().unmute(reader, dev.tidings.model.Mute.Kind.valueOf(ctx.formParam("kind")),
                    Optional.ofNullable(ctx.formParam("target")).orElse(""));
        } catch (IllegalArgumentException | NullPointerException e) {
            // a hand-made form: nothing to unmute
        }
        ctx.redirect("/me");
    }

    private void meSettings(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        try {
            ZoneId zone = ZoneId.of(Optional.ofNullable(ctx.formParam("timezone")).orElse("").strip());
            java.time.LocalTime at = java.time.LocalTime.parse(Optional.ofNullable(ctx.formParam("digestAt")).orElse("").strip());
            var frequency = dev.tidings.model.DigestFrequency.valueOf(Optional.ofNullable(ctx.formParam("frequency")).orElse("DAILY"));
            var day = java.time.DayOfWeek.valueOf(Optional.ofNullable(ctx.formParam("weeklyOn")).orElse("MONDAY"));
            tidings.accounts().updatePreferences(reader, new ReaderAccounts.Preferences(zone, at, frequency, day));
            ctx.redirect("/me");
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            ctx.attribute("error", "Please give a time zone such as Europe/Berlin and a time such as 07:00.");
            ctx.status(400);
            me(ctx);
        }
    }

    private void meExport(Context ctx) {
        Reader reader = requireReader(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"tidings-export.json\"");
        ctx.contentType("application/json; charset=utf-8")
                .result(dev.tidings.api.JsonShapes.write(tidings.accounts().export(reader), true));
    }

    private void meErase(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        if (!"yes".equals(ctx.formParam("confirm"))) {
            ctx.attribute("error", "Tick the box to confirm that you want everything erased.");
            ctx.status(400);
            me(ctx);
            return;
        }
        tidings.accounts().remove(reader.email());
        ctx.removeCookie(SESSION_COOKIE, "/");
        LOG.info("a reader erased their account");
        message(ctx, "Erased", "Your account and everything Tidings kept about you are gone.");
    }

    private void meUnfollow(Context ctx) {
        checkCsrf(ctx);
        Reader reader = requireReader(ctx);
        tidings.accounts().unfollow(reader, Optional.ofNullable(ctx.formParam("target")).orElse(""));
        ctx.redirect("/me");
    }

    private void preview(Context ctx) {
        Reader reader = requireReader(ctx);
        try {
            DigestDispatcher.Result r = tidings.digests().run(reader, tidings.clock().instant(), true);
            OutgoingMail mail = r.mail();
            Map<String, Object> model = new HashMap<>();
            model.put("page", page(ctx));
            model.put("subject", mail == null ? null : mail.subject());
            model.put("text", mail == null ? null : mail.text());
            render(ctx, "web/preview.jte", model);
        } catch (dev.tidings.deliver.DeliveryException e) {
            message(ctx.status(500), "No preview", e.getMessage());
        }
    }

    private void unsubscribePage(Context ctx) {
        Optional<ReaderAccounts.Unsubscription> u = tidings.accounts().unsubscription(ctx.pathParam("token"));
        if (u.isEmpty()) {
            message(ctx.status(404), "Unknown link", "This unsubscribe link is not valid.");
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page(ctx));
        model.put("token", ctx.pathParam("token"));
        model.put("email", u.get().reader().email());
        model.put("follow", u.get().followLabel());
        render(ctx, "web/unsubscribe.jte", model);
    }

    /** RFC 8058 one-click: mail clients POST {@code List-Unsubscribe=One-Click} without cookies or CSRF token. */
    private void unsubscribe(Context ctx) {
        Optional<ReaderAccounts.Unsubscription> u = tidings.accounts().unsubscription(ctx.pathParam("token"));
        Optional<Reader> reader = tidings.accounts().unsubscribe(ctx.pathParam("token"));
        if (reader.isEmpty() || u.isEmpty()) {
            message(ctx.status(404), "Unknown link", "This unsubscribe link is not valid.");
            return;
        }
        if (!u.get().everything()) {
            LOG.info("{} stopped following {}", reader.get().email(), u.get().followTarget());
            message(ctx, "Unsubscribed", reader.get().email() + " will get no more news about "
                    + u.get().followLabel() + ". Everything else you follow stays as it was.");
            return;
        }
        LOG.info("{} unsubscribed from everything", reader.get().email());
        message(ctx, "Unsubscribed", reader.get().email() + " will get no more digests or alerts. "
                + "You can follow things again at any time from your page.");
    }

    private void admin(Context ctx) {
        if (!admitAdmin(ctx)) return;
        render(ctx, "web/admin.jte", Map.of("page", page(ctx), "articleCount", tidings.articles().count(),
                "readerCount", tidings.readers().all().size(), "failures", tidings.failures().recent(50),
                "outbox", tidings.deliveries().recentOutbox(50), "runs", tidings.deliveries().recentRuns(50),
                "sources", tidings.sources().all(), "charts", adminCharts()));
    }

    /** Articles stored and messages sent per day over the last two weeks, and sources by health. */
    private List<String> adminCharts() {
        java.time.LocalDate today = tidings.clock().instant().atZone(ZoneId.of("UTC")).toLocalDate();
        java.time.Instant since = today.minusDays(13).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Map<java.time.LocalDate, Integer> ingested = tidings.articles().ingestedPerDay(since);
        Map<java.time.LocalDate, Integer> sent = new HashMap<>();
        for (var o : tidings.deliveries().recentOutbox(5_000)) {
            if (o.sentAt() != null && !o.sentAt().isBefore(since)) {
                sent.merge(o.sentAt().atZone(ZoneId.of("UTC")).toLocalDate(), 1, Integer::sum);
            }
        }
        List<Charts.Bar> in = new ArrayList<>();
        List<Charts.Bar> out = new ArrayList<>();
        for (int i = 13; i >= 0; i--) {
            java.time.LocalDate day = today.minusDays(i);
            in.add(new Charts.Bar(day.toString(), ingested.getOrDefault(day, 0)));
            out.add(new Charts.Bar(day.toString(), sent.getOrDefault(day, 0)));
        }
        var sources = tidings.sources().all();
        long failing = sources.stream().filter(x -> x.failures() > 0).count();
        return List.of(
                Charts.bars(in.stream().mapToInt(Charts.Bar::value).sum() + " articles stored in the last 14 days, per day", in),
                Charts.bars(out.stream().mapToInt(Charts.Bar::value).sum() + " messages sent in the last 14 days, per day", out),
                Charts.bars(sources.size() + " sources: " + (sources.size() - failing) + " healthy, " + failing + " failing",
                        List.of(new Charts.Bar("healthy", (int) (sources.size() - failing)), new Charts.Bar("failing", (int) failing))));
    }

    private static final String EXAMPLE_CONCEPT = "{\"id\": \"person/jane-example\", \"label\": \"Jane Example\", "
            + "\"aliases\": [\"Example\"], \"description\": \"Interior minister of Examplia\"}";

    /** Admins' and discovered concepts, and a form to add or replace one. */
    private void adminTaxonomy(Context ctx) {
        if (!admitAdmin(ctx)) return;
        Map<String, Object> model = new HashMap<>();
        model.put("page", page(ctx));
        model.put("concepts", tidings.curation().stored());
        model.put("definition", EXAMPLE_CONCEPT);
        model.put("error", null);
        render(ctx, "web/taxonomy.jte", model);
    }

    private void adminDefineConcept(Context ctx) {
        if (!admitAdmin(ctx)) return;
        checkCsrf(ctx);
        String definition = Optional.ofNullable(ctx.formParam("definition")).orElse("");
        var outcome = tidings.curation().define(definition, null, false);
        if (outcome instanceof dev.tidings.pipeline.TaxonomyCuration.Outcome.Saved saved) {
            ctx.redirect("/concepts/" + saved.concept().id(), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page(ctx));
        model.put("concepts", tidings.curation().stored());
        model.put("definition", definition);
        model.put("error", ((dev.tidings.pipeline.TaxonomyCuration.Outcome.Rejected) outcome).error());
        ctx.status(400);
        render(ctx, "web/taxonomy.jte", model);
    }

    /** True for a signed-in admin; otherwise answers (closed, 401 or 429) and returns false. */
    private boolean admitAdmin(Context ctx) {
        String password = tidings.config().adminPassword();
        if (password == null) {
            message(ctx.status(403), "Admin is closed", "Set TIDINGS_ADMIN_PASSWORD to open the admin pages.");
            return false;
        }
        if (adminAuthorized(ctx, password)) return true;
        if (ctx.header("Authorization") != null && !adminLimiter.tryAcquire(ctx.ip())) {
            message(ctx.status(429), "Slow down", "Too many wrong passwords; try again in a quarter of an hour.");
            return false;
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"Tidings admin\", charset=\"UTF-8\"");
        throw new UnauthorizedResponse("Sign in as admin.");
    }

    /** The admin's "add source" form: a feed URL, an interval in minutes and whether it may be private. */
    private void adminAddSource(Context ctx) throws RejectedInput {
        String password = tidings.config().adminPassword();
        if (password == null) throw new ForbiddenResponse("Set TIDINGS_ADMIN_PASSWORD to open the admin pages.");
        if (!adminAuthorized(ctx, password)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Tidings admin\", charset=\"UTF-8\"");
            throw new UnauthorizedResponse("Sign in as admin.");
        }
        checkCsrf(ctx);
        long minutes;
        try {
            minutes = Long.parseLong(Optional.ofNullable(ctx.formParam("every")).orElse("15").strip());
        } catch (NumberFormatException e) {
            throw new RejectedInput("the interval is a number of minutes", true);
        }
        var added = tidings.poller().add(Optional.ofNullable(ctx.formParam("url")).orElse(""),
                java.time.Duration.ofMinutes(minutes), "on".equals(ctx.formParam("allowPrivate")));
        if (added.isEmpty()) throw new RejectedInput("that feed is already a source", true);
        ctx.redirect("/admin", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    static boolean adminAuthorized(Context ctx, String password) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Basic ")) return false;
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String given = decoded.substring(decoded.indexOf(':') + 1);
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    // --- plumbing -----------------------------------------------------------------------------

    /** Mail-sending forms: at most a few per client address and hour, whatever the email addresses. */
    private void limitClient(Context ctx) throws ReaderAccounts.RateLimited {
        if (!clientLimiter.tryAcquire(ctx.ip())) throw new ReaderAccounts.RateLimited();
    }

    PageContext page(Context ctx) {
        Optional<Reader> reader = reader(ctx);
        return new PageContext(csrfToken(ctx), reader.map(Reader::email).orElse(null), null, null, "",
                reader.map(Reader::zone).orElse(ZoneId.of("UTC")));
    }

    private Optional<Reader> reader(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : tidings.accounts().fromSession(cookie);
    }

    Reader requireReader(Context ctx) {
        return reader(ctx).orElseThrow(() -> new ForbiddenResponse(
                "Sign in first: we email you a link at /signin."));
    }

    private void startSession(Context ctx, Reader reader) {
        ctx.cookie(new Cookie(SESSION_COOKIE, tidings.accounts().session(reader), "/", 30 * 24 * 3600,
                secureCookies, true, null, SameSite.LAX));
    }

    /** Double-submit token: a random cookie value that every form repeats in a hidden field. */
    private String csrfToken(Context ctx) {
        String token = ctx.cookie(CSRF_COOKIE);
        if (token == null || token.length() != 32) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            token = HexFormat.of().formatHex(b);
            ctx.cookie(new Cookie(CSRF_COOKIE, token, "/", -1, secureCookies, true, null, SameSite.LAX));
        }
        return token;
    }

    static void checkCsrf(Context ctx) {
        String cookie = ctx.cookie(CSRF_COOKIE);
        String field = ctx.formParam("csrf");
        if (cookie == null || field == null
                || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("The form expired. Go back, reload the page and try again.");
        }
    }

    void message(Context ctx, String title, String text) {
        render(ctx, "web/message.jte", Map.of("page", page(ctx), "title", title, "message", text == null ? "" : text));
    }

    void render(Context ctx, String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    static void atom(Context ctx, String xml) {
        ctx.contentType("application/atom+xml; charset=utf-8").result(xml);
    }

    private static int intParam(Context ctx, String name, int fallback) {
        try {
            String v = ctx.queryParam(name);
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String resource(String path) {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
