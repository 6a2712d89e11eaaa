package dev.tidings.store;

import dev.tidings.model.Mute;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;

/** Readers' mutes. Thread-safe; rows go with the reader when the reader is erased (cascade). */
public final class MuteStore {
    private static final RowMapper<Mute> MUTE = (rs, ctx) -> new Mute(rs.getString("reader_id"),
            Mute.Kind.valueOf(rs.getString("kind")), rs.getString("target"), rs.getString("label"));

    private final Database db;

    public MuteStore(Database db) {
        this.db = db;
    }

    /** Adds the mute; muting the same thing twice keeps one. */
    public void put(Mute mute) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO mutes (reader_id, kind, target, label)"
                        + " VALUES (:reader, :kind, :target, :label) ON CONFLICT DO NOTHING")
                .bind("reader", mute.readerId()).bind("kind", mute.kind().name())
                .bind("target", mute.target()).bind("label", mute.label()).execute());
    }

    public boolean remove(String readerId, Mute.Kind kind, String target) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM mutes WHERE reader_id = :reader AND kind = :kind"
                        + " AND target = :target")
                .bind("reader", readerId).bind("kind", kind.name()).bind("target", target).execute()) > 0;
    }

    /** Every reader's mutes by reader id, each list as {@link #ofReader} gives it: one read for a run over many readers. */
    public java.util.Map<String, List<Mute>> byReader() {
        java.util.Map<String, List<Mute>> byReader = new java.util.HashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT * FROM mutes ORDER BY reader_id, kind, label").map(MUTE)
                .forEach(m -> byReader.computeIfAbsent(m.readerId(), k -> new java.util.ArrayList<>()).add(m)));
        return byReader;
    }

    /** Concepts first, then sources, each by label. */
    public List<Mute> ofReader(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mutes WHERE reader_id = :reader"
                + " ORDER BY kind, label").bind("reader", readerId).map(MUTE).list());
    }
}
