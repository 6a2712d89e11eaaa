-- Concepts added to the bundled taxonomy at run time: by admins through the API, and people and
-- organisations discovered in articles. The body is the concept's definition in the taxonomy file
-- format (JSON), so a stored concept reads back exactly as a bundled one would.
CREATE TABLE taxonomy_concepts (
    id         VARCHAR(200) PRIMARY KEY,
    origin     VARCHAR(16)  NOT NULL,
    body       TEXT         NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
-- bumped with every change, so another process knows to rebuild its taxonomy
INSERT INTO counters (name, value) VALUES ('taxonomy_version', 0);
