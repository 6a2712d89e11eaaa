-- A message may be stored packed (see PackedMessage): NULL says the bytes are the message itself, as every
-- message stored before this version is.
ALTER TABLE outbox_bodies ADD COLUMN encoding VARCHAR(16);

-- Nothing asks for messages by sent_at since V4 (outbox_due serves the queue): one B-tree fewer to write for
-- every message queued and sent.
DROP INDEX outbox_unsent;
