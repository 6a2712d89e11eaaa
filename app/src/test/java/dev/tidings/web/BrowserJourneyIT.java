package dev.tidings.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.ingest.BundledSamples;
import dev.tidings.model.Reader;
import dev.tidings.model.Submission;
import dev.tidings.testing.Browser;
import dev.tidings.testing.Maildir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reader's journey and the pages a person sees, in a real headless Chromium: sign up, confirm from
 * the Maildir, follow a concept from its page, preview the digest, unsubscribe with one click; and
 * hostile article HTML that must not run. Screenshots of each page go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserJourneyIT {
    private static final String BASE = "http://tidings.test";
    private static final String TOKEN = "browser-api-token";

    private Path data;
    private Tidings tidings;
    private WebServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        data = Files.createTempDirectory("tidings-browser-it");
        tidings = new Tidings(Config.load(data, Map.of("TIDINGS_BASE_URL", BASE, "TIDINGS_API_TOKEN", TOKEN,
                "TIDINGS_ADMIN_PASSWORD", "admin-pw")), InstantSource.system());
        for (Submission s : BundledSamples.load()) tidings.pipeline().ingest(s);
        tidings.backgroundWork().followNewArticles();
        server = WebServer.start(tidings, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (tidings != null) tidings.close();
    }

    /** Waits for the page (after a click, a new one may still be loading) to show this main heading. */
    private static void heading(WebDriver web, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(10)).ignoring(
                org.openqa.selenium.StaleElementReferenceException.class).until(
                d -> text.equals(d.findElement(By.tagName("h1")).getText()));
    }

    private String local(String url) {
        return "http://127.0.0.1:" + server.port() + (url.startsWith(BASE) ? url.substring(BASE.length()) : url);
    }

    @Test
    void aNewReaderSignsUpConfirmsFollowsPreviewsAndUnsubscribes() throws Exception {
        WebDriver web = browser.driver();
        web.get(local("/"));
        heading(web, "Latest stories");
        browser.screenshots("home");

        web.findElement(By.id("home-email")).sendKeys("hana@example.org");
        web.findElement(By.cssSelector("form[action='/signup'] button")).click();
        heading(web, "Check your email");

        String confirm = Maildir.messages(data.resolve("mail")).stream().filter(m -> m.contains("To: hana@example.org"))
                .flatMap(m -> Maildir.links(m, BASE + "/confirm/").stream()).findFirst().orElseThrow();
        web.get(local(confirm));
        assertThat(web.getCurrentUrl()).contains("/me");
        assertThat(web.getPageSource()).contains("hana@example.org").contains("Your address is confirmed");

        web.get(local("/concepts/topic/eu-immigration"));
        browser.screenshots("concept");
        String before = web.getCurrentUrl();
        web.findElement(By.cssSelector("form.follow button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(5)).until(
                d -> d.getPageSource().contains("You follow EU immigration"));
        assertThat(web.getCurrentUrl()).as("followed without a page load").isEqualTo(before);

        tidings.pipeline().ingest(new dev.tidings.ingest.ArticleReader().readText("title: Frontex sends 60 officers to "
                + "the Latvian border\n\nFrontex will send 60 more officers to Latvia's border with Belarus after asylum "
                + "seekers tried to cross into the European Union in larger numbers this week, the agency said.\n", "test"));
        web.get(local("/me"));
        assertThat(web.findElement(By.cssSelector("ul.follows")).getText()).contains("EU immigration");
        web.findElement(By.id("what")).sendKeys("Bela");
        new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(5)).until(d -> !d.findElements(
                By.cssSelector("#what-suggestions option[value='Belarus']")).isEmpty());
        web.findElement(By.id("what")).clear();
        browser.screenshots("me");
        web.findElement(By.linkText("Preview the digest you would get now")).click();
        heading(web, "Digest preview");
        assertThat(web.getPageSource()).contains("EU immigration").contains("Frontex sends 60 officers");
        browser.screenshots("preview");

        Reader hana = tidings.readers().byEmail("hana@example.org").orElseThrow();
        assertThat(tidings.digests().run(hana, Instant.now(), false).status().name()).isEqualTo("SENT");
        String digest = Maildir.messages(data.resolve("mail")).stream()
                .filter(m -> m.contains("To: hana@example.org") && m.contains("List-Unsubscribe")).findFirst().orElseThrow();
        String unsubscribe = Maildir.links(digest, BASE + "/u/").get(0);
        web.get(local(unsubscribe));
        browser.screenshots("unsubscribe");
        web.findElement(By.cssSelector("main form button")).click();
        heading(web, "Unsubscribed");
        assertThat(tidings.follows().ofReader(hana.id())).isEmpty();
    }

    @Test
    void articleStoryAndSearchPagesRenderForPeople() {
        WebDriver web = browser.driver();
        web.get(local("/"));
        String first = web.findElement(By.cssSelector("article.card h3 a")).getText();
        web.findElement(By.cssSelector("article.card h3 a")).click();
        heading(web, first);
        browser.screenshots("article");

        List<WebElement> storyLinks = List.of();
        for (int page = 1; page <= 3 && storyLinks.isEmpty(); page++) {
            web.get(local("/?page=" + page));
            storyLinks = web.findElements(By.linkText("the whole story"));
        }
        assertThat(storyLinks).as("the two reports of the Polish border breach form one story").isNotEmpty();
        storyLinks.get(0).click();
        new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("ol.timeline li")).size() >= 2);
        browser.screenshots("story");

        web.get(local("/"));
        WebElement q = web.findElement(By.id("top-q"));
        q.sendKeys("Frontex AND Bulgaria");
        q.submit();
        heading(web, "Search");
        assertThat(web.findElements(By.cssSelector("article.card"))).isNotEmpty();
        assertThat(web.getPageSource()).contains("Bulgaria");
        browser.screenshots("search");
    }

    @Test
    void anAdminAddsASourceAndSeesItsHealth() throws Exception {
        com.sun.net.httpserver.HttpServer feeds = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] rss = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Gazette</title>"
                + "<link>http://example.org/</link><description>news</description>"
                + "<item><title>Ferry service to Gotland resumes after the storm</title><link>http://example.org/a1</link>"
                + "<pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate><description>Ferries between Nynashamn and Visby "
                + "resumed on Saturday after two days of cancellations caused by the storm, the operator said. Sweden's "
                + "coast guard had warned of high waves across the Baltic Sea.</description></item>"
                + "</channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        feeds.createContext("/feed.xml", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, rss.length);
            exchange.getResponseBody().write(rss);
            exchange.close();
        });
        feeds.start();
        try {
            WebDriver web = browser.driver();
            String admin = "http://admin:admin-pw@127.0.0.1:" + server.port() + "/admin";
            web.get(admin);
            heading(web, "Admin");
            String feedUrl = "http://127.0.0.1:" + feeds.getAddress().getPort() + "/feed.xml";
            web.findElement(By.name("url")).sendKeys(feedUrl);
            web.findElement(By.name("allowPrivate")).click();
            web.findElement(By.cssSelector("form[action='/admin/sources'] button")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(10))
                    .until(d -> d.findElements(By.xpath("//td[contains(., '" + feedUrl + "')]")).size() > 0);

            tidings.poller().pollDue();
            web.get(admin);
            String row = web.findElements(By.cssSelector("table tr")).stream().map(WebElement::getText)
                    .filter(t -> t.contains(feedUrl)).findFirst().orElseThrow();
            assertThat(row).contains("Harbour Gazette").contains("ok").doesNotContain("failing");
            assertThat(web.findElements(By.cssSelector("svg.chart"))).hasSize(3);
            browser.screenshots("admin");
        } finally {
            feeds.stop(0);
        }
    }

    @Test
    void hostileArticleHtmlDoesNotRunInTheBrowser() throws Exception {
        String hostile = "<html><head><title>Border talks <script>window.__xss=1</script></title></head><body>"
                + "<article><h1>Border talks resume <img src=x onerror=\"window.__xss=2\"></h1>"
                + "<p>Ministers from Poland and Lithuania met in Vilnius on Monday to discuss the border with Belarus, "
                + "officials said, and agreed to share patrol data. <a href=\"javascript:window.__xss=3\">details</a></p>"
                + "<p>The talks will continue next week in Warsaw. <svg onload=\"window.__xss=4\"><script>window.__xss=5</script></svg>"
                + "<iframe src=\"javascript:window.__xss=6\"></iframe></p>"
                + "<p onmouseover=\"window.__xss=7\">Both governments said the border would stay closed to traffic.</p>"
                + "</article></body></html>";
        String title = "Talks <script>window.__xss=8</script><img src=x onerror=window.__xss=9>";
        String json = new ObjectMapper().writeValueAsString(Map.of("title", title, "html", hostile,
                "published", "2026-11-28T08:00:00Z", "source", "<b onmouseover=window.__xss=10>Wire</b>"));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local("/api/articles")))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = new ObjectMapper().readTree(created.body()).get("id").asText();
        tidings.backgroundWork().followNewArticles();

        WebDriver web = browser.driver();
        for (String page : List.of("/articles/" + id, "/", "/search?q=Vilnius", "/concepts/place/lithuania")) {
            web.get(local(page));
            new org.openqa.selenium.interactions.Actions(web).moveToElement(web.findElement(By.tagName("h1"))).perform();
            assertThatThrownBy(() -> web.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            Object flag = ((org.openqa.selenium.JavascriptExecutor) web).executeScript("return window.__xss === undefined ? 'clean' : 'ran ' + window.__xss;");
            assertThat(flag).as("no injected script ran on " + page).isEqualTo("clean");
            assertThat(web.findElements(By.cssSelector("main script, main iframe, main svg:not(.chart), main img[onerror], main [onload], main [onmouseover]"))).isEmpty();
        }
        web.get(local("/articles/" + id));
        assertThat(web.findElement(By.tagName("h1")).getText()).as("markup in the title is dropped, not run").isEqualTo("Talks");
        browser.screenshots("hostile-article");
    }
}
