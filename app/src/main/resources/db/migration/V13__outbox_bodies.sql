-- The outbox row apart from its message (issue 7). A row is updated several times over its life (leased,
-- marked sent, retried); with a 50 KB message in it, every such update rewrote the whole message. The message
-- is written once here and only read after that. Removed with its outbox row. Portable like V1.
CREATE TABLE outbox_bodies (
    message_id VARCHAR(300) PRIMARY KEY REFERENCES outbox (message_id) ON DELETE CASCADE,
    mime       ${bytes}     NOT NULL
);
INSERT INTO outbox_bodies (message_id, mime) SELECT message_id, mime FROM outbox;
ALTER TABLE outbox DROP COLUMN mime;
