package dev.tidings.api;

import dev.tidings.Tidings;
import dev.tidings.pipeline.TaxonomyCuration;
import dev.tidings.store.ConceptStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API over the taxonomy, behind {@code Authorization: Bearer $TIDINGS_API_TOKEN}:
 * {@code POST /api/admin/concepts} adds a concept (409 when the id exists),
 * {@code PUT /api/admin/concepts/{type}/{slug}} adds or replaces one, {@code GET /api/admin/concepts}
 * lists what admins added and articles discovered. A definition is one entry of the taxonomy
 * files; a bad one is a 400 whose {@code error} names the field. Changes take effect on the next article.
 */
public final class TaxonomyRoutes {
    private final Tidings tidings;

    public TaxonomyRoutes(Tidings tidings) {
        this.tidings = tidings;
    }

    public void register(RoutesConfig r) {
        r.post("/api/admin/concepts", ctx -> define(ctx, null, true));
        r.put("/api/admin/concepts/{type}/{slug}", ctx -> define(ctx, ctx.pathParam("type") + "/" + ctx.pathParam("slug"), false));
        r.get("/api/admin/concepts", this::list);
    }

    private void define(Context ctx, String id, boolean create) {
        if (!authorised(ctx)) return;
        TaxonomyCuration.Outcome outcome = tidings.curation().define(ctx.body(), id, create);
        if (outcome instanceof TaxonomyCuration.Outcome.Rejected rejected) {
            int status = rejected.error().contains("exists already") ? 409 : 400;
            json(ctx.status(status), Map.of("error", rejected.error()));
        } else if (outcome instanceof TaxonomyCuration.Outcome.Saved saved) {
            ctx.status(saved.created() ? 201 : 200).header("Location", "/api/concepts/" + saved.concept().id());
            json(ctx, JsonShapes.concept(saved.concept()));
        }
    }

    private void list(Context ctx) {
        if (!authorised(ctx)) return;
        var out = tidings.curation().stored().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("origin", c.origin() == ConceptStore.Origin.ADMIN ? "admin" : "discovered");
            m.put("definition", c.definition());
            m.put("updatedAt", c.updatedAt().toString());
            return m;
        }).toList();
        json(ctx, Map.of("concepts", out));
    }

    private boolean authorised(Context ctx) {
        String expected = tidings.config().apiTokenOrGenerate();
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String given = header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        if (!given.isEmpty() && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        json(ctx.status(401), Map.of("error", "a valid bearer token is required (Authorization: Bearer $TIDINGS_API_TOKEN)"));
        return false;
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(JsonShapes.write(body, false));
    }
}
