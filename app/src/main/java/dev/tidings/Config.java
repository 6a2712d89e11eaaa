package dev.tidings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * Typed configuration. Each value comes from the environment variable of the same name, else from
 * {@code DATA/tidings.properties}, else the default given here.
 *
 * @param dataDir       the data folder: database, index, mail, inbox ({@code --data}, {@code TIDINGS_DATA}, default {@code ./data})
 * @param databaseUrl   {@code TIDINGS_DATABASE_URL}: JDBC URL, default {@code jdbc:sqlite:DATA/tidings.db}
 * @param baseUrl       {@code TIDINGS_BASE_URL}: public URL used in emails, default {@code http://localhost:8080}
 * @param secret        {@code TIDINGS_SECRET}: signs tokens; generated into {@code DATA/secret} on first use when unset
 * @param mailUrl       {@code TIDINGS_MAIL_URL}: {@code maildir:DIR}, {@code smtp://…} or {@code smtps://…}; default {@code maildir:DATA/mail}
 * @param mailFrom      {@code TIDINGS_MAIL_FROM}: sender, default {@code Tidings <tidings@localhost>}
 * @param apiToken      {@code TIDINGS_API_TOKEN}: bearer token for writing through the API; generated into {@code DATA/api-token} when unset
 * @param adminPassword {@code TIDINGS_ADMIN_PASSWORD}: password of {@code /admin}; the admin pages are closed when unset
 */
public record Config(Path dataDir, String databaseUrl, String baseUrl, String secret, String mailUrl, String mailFrom,
                     String apiToken, String adminPassword) {

    /** Reads the configuration for a data folder from the environment and the folder's properties file. */
    public static Config load(Path dataDir, Map<String, String> env) {
        Path data = dataDir.toAbsolutePath().normalize();
        Properties file = new Properties();
        Path props = data.resolve("tidings.properties");
        if (Files.isRegularFile(props)) {
            try (InputStream in = Files.newInputStream(props)) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + props, e);
            }
        }
        Lookup lookup = new Lookup(env, file);
        String baseUrl = stripSlash(lookup.get("TIDINGS_BASE_URL", "http://localhost:8080"));
        return new Config(
                data,
                lookup.get("TIDINGS_DATABASE_URL", "jdbc:sqlite:" + data.resolve("tidings.db")),
                baseUrl,
                lookup.get("TIDINGS_SECRET", null),
                lookup.get("TIDINGS_MAIL_URL", "maildir:" + data.resolve("mail")),
                lookup.get("TIDINGS_MAIL_FROM", "Tidings <tidings@localhost>"),
                lookup.get("TIDINGS_API_TOKEN", null),
                lookup.get("TIDINGS_ADMIN_PASSWORD", null));
    }

    /** The data folder to use when {@code --data} is not given: {@code TIDINGS_DATA}, else {@code ./data}. */
    public static Path defaultDataDir(Map<String, String> env) {
        String v = env.get("TIDINGS_DATA");
        return Path.of(v == null || v.isBlank() ? "data" : v);
    }

    /** The signing secret, generating and keeping one in {@code DATA/secret} when none is configured. */
    public String secretOrGenerate() {
        return secret != null ? secret : generated("secret");
    }

    /** The API token, generating and keeping one in {@code DATA/api-token} when none is configured. */
    public String apiTokenOrGenerate() {
        return apiToken != null ? apiToken : generated("api-token");
    }

    public Path inboxDir() {
        return dataDir.resolve("inbox");
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    private String generated(String name) {
        Path file = dataDir.resolve(name);
        try {
            Files.createDirectories(dataDir);
            if (Files.isRegularFile(file)) {
                String v = Files.readString(file).strip();
                if (!v.isEmpty()) return v;
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String v = HexFormat.of().formatHex(bytes);
            Path tmp = Files.createTempFile(dataDir, name, ".tmp");
            Files.writeString(tmp, v + "\n");
            try {
                // Two processes starting at once must agree on one value: the first move wins.
                Files.move(tmp, file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + name + " in " + dataDir, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Lookup(Map<String, String> env, Properties file) {
        String get(String name, String fallback) {
            String v = env.get(name);
            if (v == null || v.isBlank()) v = file.getProperty(name);
            return v == null || v.isBlank() ? fallback : v.strip();
        }
    }
}
