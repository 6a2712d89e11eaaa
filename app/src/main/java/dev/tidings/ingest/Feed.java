package dev.tidings.ingest;

import dev.tidings.model.Published;

import java.util.List;
import java.util.Objects;

/**
 * A parsed feed, whatever its format: the fields Tidings uses, nothing else.
 *
 * @param format the format read: {@code rss_2.0}, {@code atom_1.0}, {@code json_1.1} …
 * @param title  the feed's title, or null
 * @param link   the site the feed belongs to, or null
 * @param items  the items in feed order
 */
public record Feed(String format, String title, String link, List<Item> items) {
    public Feed {
        items = List.copyOf(items);
    }

    /**
     * One entry of a feed. Every field but {@code html} may be null.
     *
     * @param id        the item's guid or id as the feed gives it
     * @param title     the title as plain text
     * @param link      the article's URL, absolute when the feed allowed resolving it
     * @param published when it was published (else when it was last updated)
     * @param author    the first author's name (or the address when only that is given)
     * @param html      the fullest body the item carries, as HTML (content, else summary); may be empty
     * @param summary   true when {@code html} came from a summary or description, not from full content
     */
    public record Item(String id, String title, String link, Published published, String author, String html,
                       boolean summary) {
        public Item {
            html = Objects.requireNonNullElse(html, "");
        }
    }
}
