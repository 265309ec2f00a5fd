package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Devices and their custody periods (JDBC). */
@ApplicationScoped
public class DeviceRepository {
  private static final String COLUMNS =
      "d.id, d.unit_id, d.serial, d.model,"
          + " (SELECT c.officer_id FROM device_custody c WHERE c.device_id = d.id"
          + " AND c.period @> clock_timestamp()),"
          + " d.clock_offset_ms, d.clock_offset_reported_at, d.clock_offset_station_id,"
          + " d.created_at";
  private static final String CUSTODY_COLUMNS =
      "id, device_id, officer_id, lower(period), upper(period), reason, recorded_at";

  private final AgroalDataSource db;

  DeviceRepository(AgroalDataSource db) {
    this.db = db;
  }

  public Optional<Device> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM device d WHERE d.id = ?", DeviceRepository::device, id);
  }

  /** Locks the device row, serialising custody changes of one device. */
  public Optional<Device> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM device d WHERE d.id = ? FOR UPDATE OF d",
        DeviceRepository::device,
        id);
  }

  public void insert(Device d) {
    Jdbc.update(
        db,
        "INSERT INTO device (id, unit_id, serial, model, created_at) VALUES (?,?,?,?,?)",
        d.id(),
        d.unitId(),
        d.serial(),
        d.model(),
        d.createdAt());
  }

  public void updateClockOffset(UUID id, long offsetMs, Instant at, UUID stationId) {
    Jdbc.update(
        db,
        "UPDATE device SET clock_offset_ms = ?, clock_offset_reported_at = ?,"
            + " clock_offset_station_id = ? WHERE id = ?",
        offsetMs,
        at,
        stationId,
        id);
  }

  /** Devices whose last clock offset came from station {@code station}, newest report first. */
  List<Device> offsetsReportedBy(UUID station) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM device d WHERE d.clock_offset_station_id = ?"
            + " ORDER BY d.clock_offset_reported_at DESC, d.id",
        DeviceRepository::device,
        station);
  }

  public List<Device> list(UUID unit, String q, UUID custodian, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM device d WHERE true");
    if (unit != null) {
      sql.append(" AND d.unit_id = ?");
      args.add(unit);
    }
    if (custodian != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM device_custody c WHERE c.device_id = d.id"
              + " AND c.officer_id = ? AND c.period @> clock_timestamp())");
      args.add(custodian);
    }
    FreeText.append(sql, args, "d.search_text", q);
    if (after != null) {
      sql.append(" AND d.id > ?");
      args.add(after);
    }
    sql.append(" ORDER BY d.id LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), DeviceRepository::device, args.toArray());
  }

  /** The period that has no end yet, if any. */
  public Optional<CustodyPeriod> openPeriod(UUID deviceId) {
    return Jdbc.one(
        db,
        "SELECT "
            + CUSTODY_COLUMNS
            + " FROM device_custody WHERE device_id = ? AND upper_inf(period)",
        DeviceRepository::period,
        deviceId);
  }

  /** Whether [from, to) (to null = open) overlaps a recorded period of the device. */
  public boolean overlaps(UUID deviceId, Instant from, Instant to) {
    return Jdbc.one(
            db,
            "SELECT EXISTS (SELECT 1 FROM device_custody WHERE device_id = ?"
                + " AND period && tstzrange(?::timestamptz, ?::timestamptz))",
            rs -> rs.getBoolean(1),
            deviceId,
            from,
            to)
        .orElse(false);
  }

  public void closePeriod(UUID periodId, Instant at) {
    Jdbc.update(
        db,
        "UPDATE device_custody SET period = tstzrange(lower(period), ?::timestamptz) WHERE id = ?",
        at,
        periodId);
  }

  public void insertPeriod(CustodyPeriod p, String recordedBy) {
    Jdbc.update(
        db,
        "INSERT INTO device_custody (id, device_id, officer_id, period, reason, recorded_at,"
            + " recorded_by) VALUES (?,?,?,tstzrange(?::timestamptz, ?::timestamptz),?,?,?)",
        p.id(),
        p.deviceId(),
        p.officerId(),
        p.from(),
        p.to(),
        p.reason(),
        p.recordedAt(),
        recordedBy);
  }

  public List<CustodyPeriod> custody(UUID deviceId) {
    return Jdbc.list(
        db,
        "SELECT " + CUSTODY_COLUMNS + " FROM device_custody WHERE device_id = ? ORDER BY period",
        DeviceRepository::period,
        deviceId);
  }

  private static Device device(ResultSet rs) throws SQLException {
    return new Device(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, UUID.class),
        rs.getObject(6, Long.class),
        Jdbc.instant(rs, 7),
        rs.getObject(8, UUID.class),
        Jdbc.instant(rs, 9));
  }

  private static CustodyPeriod period(ResultSet rs) throws SQLException {
    return new CustodyPeriod(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        Jdbc.instant(rs, 4),
        Jdbc.instant(rs, 5),
        rs.getString(6),
        Jdbc.instant(rs, 7));
  }
}
