-- What the story index needs of each article (its signatures, time and central concepts, as one value the
-- story package writes and reads), so a start loads these rows instead of reading and hashing every
-- article again. content_hash names the text the signature was computed from: a row whose article has
-- changed since is recomputed at start.
CREATE TABLE story_signatures (
    article_id   VARCHAR(200) PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    content_hash VARCHAR(200) NOT NULL,
    signature    ${bytes}     NOT NULL
);
