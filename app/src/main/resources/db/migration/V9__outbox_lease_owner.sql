-- Who holds an outbox row's lease (issue 7): the sending process as pid@host@start. A process that finds a
-- lease of a process on its own host that is no longer running takes the row back at once, instead of
-- waiting the lease out, so a server killed mid-send resends its in-flight messages as soon as it restarts.
-- NULL when no sender holds the row. Portable between SQLite and PostgreSQL like V1.
ALTER TABLE outbox ADD COLUMN leased_by VARCHAR(200);
