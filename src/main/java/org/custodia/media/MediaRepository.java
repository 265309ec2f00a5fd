package org.custodia.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Media facts and derived files (JDBC); writes join the caller's transaction. */
@ApplicationScoped
public class MediaRepository {
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgroalDataSource db;

  MediaRepository(AgroalDataSource db) {
    this.db = db;
  }

  public Optional<MediaFacts> facts(UUID evidenceId) {
    return Jdbc.one(
        db,
        "SELECT container, duration_ms, video_codec, audio_codec, width, height, frame_rate,"
            + " bit_rate, audio_channels, sample_rate, creation_time, tags::text, plays_as_is"
            + " FROM evidence_media WHERE evidence_id = ?",
        MediaRepository::facts,
        evidenceId);
  }

  /** The probed durations of those of {@code ids} that have one, in one read. */
  public java.util.Map<UUID, Long> durations(java.util.Collection<UUID> ids) {
    java.util.Map<UUID, Long> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    StringBuilder array = new StringBuilder("{");
    for (UUID id : ids) {
      array.append(array.length() > 1 ? "," : "").append(id);
    }
    Jdbc.list(
            db,
            "SELECT evidence_id, duration_ms FROM evidence_media"
                + " WHERE evidence_id = ANY(?::uuid[]) AND duration_ms IS NOT NULL",
            rs -> java.util.Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)),
            array.append('}').toString())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** How many of the items {@code scope} selects were probed with a duration, and its sum. */
  public ProbedDurations durations(org.custodia.dossier.SqlQuery scope) {
    return Jdbc.one(
            db,
            "SELECT count(*), coalesce(sum(duration_ms), 0) FROM evidence_media"
                + " WHERE duration_ms IS NOT NULL AND evidence_id IN ("
                + scope.sql()
                + ")",
            rs -> new ProbedDurations(rs.getLong(1), rs.getLong(2)),
            scope.argArray())
        .orElseThrow();
  }

  void saveFacts(UUID evidenceId, MediaFacts f) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_media (evidence_id, container, duration_ms, video_codec, audio_codec,"
            + " width, height, frame_rate, bit_rate, audio_channels, sample_rate, creation_time,"
            + " tags, plays_as_is) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?)"
            + " ON CONFLICT (evidence_id) DO UPDATE SET container = EXCLUDED.container,"
            + " duration_ms = EXCLUDED.duration_ms, video_codec = EXCLUDED.video_codec,"
            + " audio_codec = EXCLUDED.audio_codec, width = EXCLUDED.width, height = EXCLUDED.height,"
            + " frame_rate = EXCLUDED.frame_rate, bit_rate = EXCLUDED.bit_rate,"
            + " audio_channels = EXCLUDED.audio_channels, sample_rate = EXCLUDED.sample_rate,"
            + " creation_time = EXCLUDED.creation_time, tags = EXCLUDED.tags,"
            + " plays_as_is = EXCLUDED.plays_as_is, probed_at = now()",
        evidenceId,
        f.container(),
        f.durationMs(),
        f.videoCodec(),
        f.audioCodec(),
        f.width(),
        f.height(),
        f.frameRate(),
        f.bitRate(),
        f.audioChannels(),
        f.sampleRate(),
        f.creationTime(),
        json(f.tags() == null ? Map.of() : f.tags()),
        f.playsAsIs());
  }

  public List<Derived> derived(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT evidence_id, kind, sha256, content_type, size, object_key, object_version,"
            + " source_sha256, created_at, parameters::text FROM evidence_derived"
            + " WHERE evidence_id = ? ORDER BY kind",
        MediaRepository::derived,
        evidenceId);
  }

  public Optional<Derived> derived(UUID evidenceId, Derived.Kind kind) {
    return derived(evidenceId).stream().filter(d -> d.kind() == kind).findFirst();
  }

  /** Forgets an item's derived files (their objects deleted by a disposal). */
  void deleteDerived(UUID evidenceId) {
    Jdbc.update(db, "DELETE FROM evidence_derived WHERE evidence_id = ?", evidenceId);
  }

  void saveDerived(Derived d, Map<String, Object> parameters) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_derived (evidence_id, kind, object_key, object_version, sha256, size,"
            + " content_type, source_sha256, parameters) VALUES (?,?,?,?,?,?,?,?,?::jsonb)"
            + " ON CONFLICT (evidence_id, kind) DO UPDATE SET object_key = EXCLUDED.object_key,"
            + " object_version = EXCLUDED.object_version, sha256 = EXCLUDED.sha256,"
            + " size = EXCLUDED.size, content_type = EXCLUDED.content_type,"
            + " source_sha256 = EXCLUDED.source_sha256, parameters = EXCLUDED.parameters,"
            + " created_at = now()",
        d.evidenceId(),
        d.kind(),
        d.objectKey(),
        d.objectVersion(),
        HEX.parseHex(d.sha256()),
        d.size(),
        d.contentType(),
        HEX.parseHex(d.sourceSha256()),
        json(parameters));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static MediaFacts facts(ResultSet rs) throws SQLException {
    Map<String, String> tags;
    try {
      tags = JSON.readValue(rs.getString(12), new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable media tags", e);
    }
    return new MediaFacts(
        rs.getString(1),
        rs.getObject(2, Long.class),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, Integer.class),
        rs.getObject(6, Integer.class),
        rs.getObject(7, Double.class),
        rs.getObject(8, Long.class),
        rs.getObject(9, Integer.class),
        rs.getObject(10, Integer.class),
        rs.getString(11),
        tags.isEmpty() ? null : tags,
        rs.getBoolean(13));
  }

  private static Derived derived(ResultSet rs) throws SQLException {
    Map<String, Object> parameters;
    try {
      parameters =
          JSON.readValue(rs.getString(10), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable derived-file parameters", e);
    }
    return new Derived(
        rs.getObject(1, UUID.class),
        Derived.Kind.valueOf(rs.getString(2)),
        HEX.formatHex(rs.getBytes(3)),
        rs.getString(4),
        rs.getLong(5),
        rs.getString(6),
        rs.getString(7),
        HEX.formatHex(rs.getBytes(8)),
        Jdbc.instant(rs, 9),
        parameters);
  }
}
