-- A digest run over many readers asks once which of the period's articles were sent to whom, by article.
CREATE INDEX sent_items_article ON sent_items (article_id);
