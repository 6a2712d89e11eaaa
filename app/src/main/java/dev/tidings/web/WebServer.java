package dev.tidings.web;

import dev.tidings.Tidings;
import dev.tidings.api.ApiRoutes;
import dev.tidings.auth.RateLimiter;
import java.time.Duration;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The HTTP server: Javalin on Jetty, the page routes, the API routes, security headers and metrics,
 * assembled in one {@code Javalin.create}.
 */
public final class WebServer implements AutoCloseable {
    /** Request bodies larger than this are refused with 413 before any handler reads them. */
    public static final long MAX_REQUEST_BYTES = 6L * 1024 * 1024;

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Starts the server on {@code bind:port} (port 0 picks a free one). */
    public static WebServer start(Tidings tidings, String bind, int port) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
                WebServer.class.getClassLoader(), "dev.tidings.templates");
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // One budget per client for everything that sends mail, on pages and through the API alike.
        RateLimiter mailForms = new RateLimiter(100, Duration.ofHours(1), 100_000, tidings.clock());
        WebRoutes pages = new WebRoutes(tidings, templates, metrics, mailForms);
        ApiRoutes api = new ApiRoutes(tidings, mailForms);
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.host = bind;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            pages.register(config.routes);
            api.register(config.routes);
            new dev.tidings.api.TaxonomyRoutes(tidings).register(config.routes);
        });
        app.start();
        return new WebServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
