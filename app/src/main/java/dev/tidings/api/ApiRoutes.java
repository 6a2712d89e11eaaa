package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.Tidings;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptType;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.pipeline.RejectedInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON API under {@code /api}. All routes are in {@link #register}; errors are {@code {"error": "…"}}. */
public final class ApiRoutes {
    private final Tidings tidings;
    private final String openApi;

    private final dev.tidings.auth.RateLimiter clientLimiter;

    public ApiRoutes(Tidings tidings, dev.tidings.auth.RateLimiter clientLimiter) {
        this.tidings = tidings;
        this.clientLimiter = clientLimiter;
        this.openApi = resource("api/openapi.json");
    }

    public void register(RoutesConfig r) {
        r.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        r.post("/api/articles", this::postArticle);
        r.get("/api/articles/{id}", this::getArticle);
        r.get("/api/articles", this::listArticles);
        r.get("/api/concepts", this::searchConcepts);
        r.get("/api/concepts/{type}/{slug}", this::getConcept);
        r.post("/api/readers", this::postReader);
        r.exception(ApiError.class, (e, ctx) -> json(ctx.status(e.status), Map.of("error", e.getMessage())));
    }

    /** An API failure with its HTTP status and a one-sentence message. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void postArticle(Context ctx) {
        String expected = tidings.config().apiTokenOrGenerate();
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String given = header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        if (given.isEmpty() || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "a valid bearer token is required (Authorization: Bearer $TIDINGS_API_TOKEN)");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > ArticleReader.MAX_BYTES) {
            throw new ApiError(413, "the article is larger than " + ArticleReader.MAX_BYTES / (1024 * 1024) + " MB");
        }
        try {
            var submission = new ArticleReader().readJson(new String(body, StandardCharsets.UTF_8), "api");
            ArticlePipeline.Ingested r = tidings.pipeline().ingest(submission);
            ctx.status(r.outcome() == ArticlePipeline.Outcome.NEW ? 201 : 200);
            ctx.header("Location", "/api/articles/" + r.article().id());
            json(ctx, JsonShapes.article(r.article(), true));
        } catch (IngestException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private void getArticle(Context ctx) {
        Article a = tidings.articles().byId(ctx.pathParam("id"))
                .orElseThrow(() -> new ApiError(404, "no article with id " + ctx.pathParam("id")));
        json(ctx, JsonShapes.article(a, true));
    }

    private void listArticles(Context ctx) {
        int limit = clamp(intParam(ctx, "limit", 20), 1, 200);
        String concept = ctx.queryParam("concept");
        String q = ctx.queryParam("q");
        Instant since = null;
        if (ctx.queryParam("since") != null) {
            try {
                since = Instant.parse(ctx.queryParam("since"));
            } catch (DateTimeException e) {
                throw new ApiError(400, "since must be an instant such as 2021-08-10T00:00:00Z");
            }
        }
        List<Article> candidates;
        if (q != null && !q.isBlank()) {
            candidates = new ArrayList<>();
            try {
                for (String id : tidings.searchIndex().search(q, 1000)) tidings.articles().byId(id).ifPresent(candidates::add);
            } catch (QuerySyntaxException e) {
                throw new ApiError(400, e.getMessage());
            }
        } else if (concept != null) {
            candidates = tidings.articles().withConcept(concept, 1000);
        } else {
            candidates = tidings.articles().latest(since == null ? limit : 1000, 0);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Article a : candidates) {
            if (concept != null && a.tag(concept).isEmpty()) continue;
            if (since != null && a.effectivePublished().end().isBefore(since)) continue;
            out.add(JsonShapes.article(a, true));
            if (out.size() == limit) break;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("articles", out);
        body.put("count", out.size());
        json(ctx, body);
    }

    private void searchConcepts(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        if (q.isEmpty()) throw new ApiError(400, "give the text to look for as ?q=");
        int limit = clamp(intParam(ctx, "limit", 20), 1, 100);
        List<Concept> found = tidings.taxonomy().search(q, limit);
        json(ctx, Map.of("concepts", found.stream().map(JsonShapes::concept).toList()));
    }

    private void getConcept(Context ctx) {
        String type = ctx.pathParam("type");
        try {
            ConceptType.ofKey(type);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, e.getMessage());
        }
        String id = type + "/" + ctx.pathParam("slug");
        Concept c = tidings.taxonomy().byId(id).orElseThrow(() -> new ApiError(404, "no concept with id " + id));
        json(ctx, JsonShapes.concept(c));
    }

    private void postReader(Context ctx) {
        if (!clientLimiter.tryAcquire(ctx.ip())) throw new ApiError(429, "too many sign-ups from this client; try again in an hour");
        JsonNode body;
        try {
            body = JsonShapes.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw new ApiError(400, "the body must be JSON such as {\"email\": \"reader@example.org\"}");
        }
        if (body == null || !body.isObject() || !body.path("email").isTextual()) {
            throw new ApiError(400, "the body must be a JSON object with an \"email\" string");
        }
        ZoneId zone = null;
        LocalTime at = null;
        try {
            if (body.path("timezone").isTextual()) zone = ZoneId.of(body.get("timezone").asText());
            if (body.path("digestAt").isTextual()) at = LocalTime.parse(body.get("digestAt").asText());
        } catch (DateTimeException e) {
            throw new ApiError(400, "timezone must be an IANA zone such as Europe/Berlin and digestAt a time such as 07:00");
        }
        try {
            tidings.accounts().signUp(body.get("email").asText(), new ReaderAccounts.Preferences(zone, at, null, null), null);
        } catch (ReaderAccounts.RateLimited e) {
            throw new ApiError(429, e.getMessage());
        } catch (RejectedInput e) {
            throw new ApiError(400, e.getMessage());
        }
        ctx.status(202);
        json(ctx, Map.of("status", "If the address can receive mail, a confirmation link is on its way."));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(JsonShapes.write(body, false));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a whole number");
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String resource(String path) {
        try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
