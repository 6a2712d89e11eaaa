package dev.tidings.web;

import dev.tidings.Tidings;
import dev.tidings.model.Article;
import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import dev.tidings.pipeline.RejectedInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery pages: a reader's private Atom feed, their delivery settings (quiet hours, alerts per hour,
 * webhooks), and the admin's view of the outbox, digest runs, suppressed addresses and webhooks. Kept
 * beside {@link WebRoutes}, which registers them, and using its page plumbing.
 */
final class DeliveryRoutes {
    /** How far back a private feed reaches, and how many entries it holds. */
    static final Duration FEED_SPAN = Duration.ofDays(14);
    static final int FEED_LIMIT = 100;

    private final WebRoutes web;
    private final Tidings tidings;

    DeliveryRoutes(WebRoutes web, Tidings tidings) {
        this.web = web;
        this.tidings = tidings;
    }

    void register(RoutesConfig r) {
        // An article posted to the API was stored in this process: its instant alerts go out now, not at the
        // alert loop's next poll.
        r.after("/api/articles", ctx -> {
            if (ctx.method() == io.javalin.http.HandlerType.POST && ctx.statusCode() == 201) {
                tidings.backgroundWork().articlesStored();
            }
        });
        r.get("/r/{token}/feed.atom", this::privateFeed);
        r.get("/me/delivery", this::me);
        r.post("/me/delivery", this::savePreferences);
        r.post("/me/webhooks", this::addWebhook);
        r.post("/me/webhooks/{id}/remove", this::removeWebhook);
        r.get("/admin/delivery", this::admin);
        r.post("/admin/delivery/suppress", ctx -> {
            requireAdminForm(ctx);
            String address = Optional.ofNullable(ctx.formParam("address")).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
            if (!address.isEmpty()) tidings.deliveries().suppress(address, "suppressed by the admin");
            ctx.redirect("/admin/delivery");
        });
        r.post("/admin/delivery/unsuppress", ctx -> {
            requireAdminForm(ctx);
            tidings.deliveries().unsuppress(Optional.ofNullable(ctx.formParam("address")).orElse(""));
            ctx.redirect("/admin/delivery");
        });
        r.post("/admin/webhooks", ctx -> {
            requireAdminForm(ctx);
            Webhook hook = tidings.webhooks().add(null, ctx.formParam("url"));
            web.message(ctx, "Webhook added", "Every digest and alert is now posted to " + hook.url()
                    + ". Its signing secret, shown only now: " + hook.secret());
        });
        r.post("/admin/webhooks/{id}/remove", ctx -> {
            requireAdminForm(ctx);
            tidings.webhooks().remove(null, ctx.pathParam("id"));
            ctx.redirect("/admin/delivery");
        });
    }

    /** Unlisted and unguessable: the token is the only key, as with a private podcast feed. */
    private void privateFeed(Context ctx) {
        Reader reader = tidings.digests().feedReader(ctx.pathParam("token")).flatMap(tidings.readers()::byId)
                .orElseThrow(() -> new NotFoundResponse("This feed link is not valid."));
        String base = tidings.config().baseUrl();
        List<Article> matched = tidings.digests().matched(reader, FEED_SPAN, FEED_LIMIT);
        ctx.header("Cache-Control", "private, max-age=300");
        WebRoutes.atom(ctx, AtomFeed.write("What you follow · Tidings", base + "/r/" + ctx.pathParam("token")
                + "/feed.atom", base + "/me", base, matched, tidings.clock().instant()));
    }

    private void me(Context ctx) {
        Reader reader = web.requireReader(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("page", web.page(ctx));
        model.put("prefs", tidings.deliveries().preferences(reader.id()));
        model.put("zone", reader.zone().getId());
        model.put("hooks", tidings.webhooks().of(reader));
        model.put("feedUrl", tidings.config().baseUrl() + "/r/" + tidings.digests().feedToken(reader) + "/feed.atom");
        model.put("error", ctx.attribute("error"));
        web.render(ctx, "web/delivery.jte", model);
    }

    private void savePreferences(Context ctx) {
        WebRoutes.checkCsrf(ctx);
        Reader reader = web.requireReader(ctx);
        try {
            LocalTime from = time(ctx.formParam("quietFrom"));
            LocalTime until = time(ctx.formParam("quietUntil"));
            if ((from == null) != (until == null)) throw new RejectedInput("give both ends of the quiet hours, or neither", true);
            int cap = Integer.parseInt(Optional.ofNullable(ctx.formParam("alertsPerHour"))
                    .orElse(Integer.toString(DeliveryPreferences.DEFAULT_ALERTS_PER_HOUR)).strip());
            if (cap < 1 || cap > 1000) throw new RejectedInput("alerts per hour must be between 1 and 1000", true);
            tidings.deliveries().savePreferences(new DeliveryPreferences(reader.id(), from, until, cap));
            ctx.redirect("/me/delivery");
        } catch (NumberFormatException | DateTimeParseException e) {
            failed(ctx, "times are HH:MM and alerts per hour a whole number");
        } catch (RejectedInput e) {
            failed(ctx, e.getMessage());
        }
    }

    private void addWebhook(Context ctx) throws RejectedInput {
        WebRoutes.checkCsrf(ctx);
        Reader reader = web.requireReader(ctx);
        try {
            Webhook hook = tidings.webhooks().add(reader, ctx.formParam("url"));
            web.message(ctx, "Webhook added", "Your digests and alerts are now also posted to " + hook.url()
                    + ". Check the X-Tidings-Signature header with this secret, shown only now: " + hook.secret());
        } catch (RejectedInput e) {
            failed(ctx, e.getMessage());
        }
    }

    private void removeWebhook(Context ctx) {
        WebRoutes.checkCsrf(ctx);
        Reader reader = web.requireReader(ctx);
        tidings.webhooks().remove(reader, ctx.pathParam("id"));
        ctx.redirect("/me/delivery");
    }

    private void failed(Context ctx, String error) {
        ctx.attribute("error", error);
        ctx.status(400);
        me(ctx);
    }

    private void admin(Context ctx) {
        requireAdmin(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("page", web.page(ctx));
        model.put("suppressions", tidings.deliveries().suppressions());
        model.put("outbox", tidings.deliveries().recentOutbox(100));
        model.put("runs", tidings.deliveries().recentRuns(100));
        model.put("hooks", tidings.deliveries().webhooks());
        web.render(ctx, "web/delivery-admin.jte", model);
    }

    /** Admin forms carry the CSRF token too: a browser sends Basic credentials with a forged form as well. */
    private void requireAdminForm(Context ctx) {
        requireAdmin(ctx);
        WebRoutes.checkCsrf(ctx);
    }

    private void requireAdmin(Context ctx) {
        String password = tidings.config().adminPassword();
        if (password == null) throw new io.javalin.http.ForbiddenResponse("Set TIDINGS_ADMIN_PASSWORD to open the admin pages.");
        if (!WebRoutes.adminAuthorized(ctx, password)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Tidings admin\", charset=\"UTF-8\"");
            throw new UnauthorizedResponse("Sign in as admin.");
        }
    }

    private static LocalTime time(String text) {
        return text == null || text.isBlank() ? null : LocalTime.parse(text.strip());
    }
}
