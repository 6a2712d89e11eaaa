package dev.tidings.web;

import dev.tidings.Tidings;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
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
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int PAGE_SIZE = 20;

    /** One story on a list: its newest article and the other articles of the story. */
    public record StoryCard(Article lead, List<Article> others) {}

    /** A concept with many recent articles about it. */
    public record Moving(String id, String label, int articles) {}

    private final Tidings tidings;
    private final TemplateEngine templates;
    private final PrometheusMeterRegistry metrics;
    private final SecureRandom random = new SecureRandom();
    private final boolean secureCookies;
    private final String css;

    WebRoutes(Tidings tidings, TemplateEngine templates, PrometheusMeterRegistry metrics) {
        this.tidings = tidings;
        this.templates = templates;
        this.metrics = metrics;
        this.secureCookies = tidings.config().baseUrl().startsWith("https:");
        this.css = resource("static/tidings.css");
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
        r.get("/u/{token}", this::unsubscribePage);
        r.post("/u/{token}", this::unsubscribe);
        r.get("/admin", this::admin);
        new DeliveryRoutes(this, tidings).register(r);
        r.get("/health", ctx -> ctx.contentType("application/json").result(
                "{\"status\":\"ok\",\"articles\":" + tidings.articles().count() + "}"));
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        r.exception(ForbiddenResponse.class, (e, ctx) -> message(ctx.status(403), "Not allowed", e.getMessage()));
        r.exception(NotFoundResponse.class, (e, ctx) -> message(ctx.status(404), "Not found", e.getMessage()));
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
        List<StoryCard> cards = new ArrayList<>();
        for (Article lead : leads.values()) {
            List<Article> others = tidings.articles().ofStory(lead.story()).stream()
                    .filter(o -> !o.id().equals(lead.id())).toList();
            cards.add(new StoryCard(lead, others));
        }
        return cards;
    }

    /** Concepts that recent articles are most about. */
    private List<Moving> moving() {
        Map<String, Moving> counts = new LinkedHashMap<>();
        for (Article a : tidings.articles().latest(200, 0)) {
            for (ConceptTag t : a.concepts()) {
                if (!t.isAbout()) continue;
                counts.merge(t.conceptId(), new Moving(t.conceptId(), t.label(), 1),
                        (x, y) -> new Moving(x.id(), x.label(), x.articles() + 1));
            }
        }
        return counts.values().stream().sorted((x, y) -> Integer.compare(y.articles(), x.articles())).limit(12).toList();
    }

    private void article(Context ctx) {
        Article a = tidings.articles().byId(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("There is no article " + ctx.pathParam("id") + "."));
        render(ctx, "web/article.jte", Map.of("page", page(ctx), "article", a, "story", tidings.articles().ofStory(a.story())));
    }

    private void story(Context ctx) {
        List<Article> articles = tidings.articles().ofStory(ctx.pathParam("id"));
        if (articles.isEmpty()) throw new NotFoundResponse("There is no story " + ctx.pathParam("id") + ".");
        render(ctx, "web/story.jte", Map.of("page", page(ctx), "articles", articles));
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
                "mentions", mentions.subList(0, Math.min(20, mentions.size())), "following", following));
    }

    private void followConcept(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
        Concept c = conceptOf(ctx);
        Optional<Reader> reader = reader(ctx);
        if (reader.isPresent()) {
            tidings.accounts().follow(reader.get(), c.id(), false, false);
            ctx.redirect("/concepts/" + c.id() + "?followed=1");
            return;
        }
        tidings.accounts().signUp(ctx.formParam("email"), ReaderAccounts.Preferences.defaults(), c.id());
        message(ctx, "Check your email", "We sent a link to confirm your address. Once you confirm, you follow "
                + c.label() + ".");
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
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        String error = null;
        List<Article> results = List.of();
        if (!q.isEmpty()) {
            try {
                results = find(q, 50);
            } catch (QuerySyntaxException e) {
                error = e.getMessage();
                ctx.status(400);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page(ctx).withQuery(q).withFeed(q.isEmpty() ? null : "/search/feed.atom?q=" + page(ctx).encode(q)));
        model.put("query", q);
        model.put("error", error);
        model.put("results", results);
        render(ctx, "web/search.jte", model);
    }

    private void searchFeed(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        String base = tidings.config().baseUrl();
        try {
            String encoded = page(ctx).encode(q);
            atom(ctx, AtomFeed.write("Search: " + q + " · Tidings", base + "/search/feed.atom?q=" + encoded,
                    base + "/search?q=" + encoded, base, find(q, 50), tidings.clock().instant()));
        } catch (QuerySyntaxException e) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
        }
    }

    private List<Article> find(String q, int limit) throws QuerySyntaxException {
        List<Article> out = new ArrayList<>();
        for (String id : tidings.searchIndex().search(q, limit)) tidings.articles().byId(id).ifPresent(out::add);
        return out;
    }

    private void signUp(Context ctx) throws RejectedInput {
        checkCsrf(ctx);
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

    private void requestSignIn(Context ctx) {
        checkCsrf(ctx);
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
        String password = tidings.config().adminPassword();
        if (password == null) {
            message(ctx.status(403), "Admin is closed", "Set TIDINGS_ADMIN_PASSWORD to open the admin pages.");
            return;
        }
        if (!adminAuthorized(ctx, password)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Tidings admin\", charset=\"UTF-8\"");
            throw new UnauthorizedResponse("Sign in as admin.");
        }
        render(ctx, "web/admin.jte", Map.of("page", page(ctx), "articleCount", tidings.articles().count(),
                "readerCount", tidings.readers().all().size(), "failures", tidings.failures().recent(50),
                "outbox", tidings.deliveries().recentOutbox(50), "runs", tidings.deliveries().recentRuns(50)));
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
