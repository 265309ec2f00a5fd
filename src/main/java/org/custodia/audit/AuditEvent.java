package org.custodia.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One audit event, schema version 1. Canonicalised (RFC 8785) before it becomes a Merkle leaf, so
 * the field names below are part of the log's format: add fields only in a new version.
 *
 * @param v schema version (1)
 * @param type what happened, {@code <area>.<verb>}, e.g. {@code user.created}, {@code
 *     access.denied}
 * @param actor who did it
 * @param role the actor's role at the time
 * @param unit the actor's unit (null for global roles, stations carry theirs)
 * @param target what it was done to
 * @param time RFC 3339 UTC with millisecond precision
 * @param requestId correlates with the HTTP request and logs
 * @param details event-specific facts (strings, integers, booleans, nested objects)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
    int v,
    String type,
    Actor actor,
    String role,
    String unit,
    Target target,
    String time,
    String requestId,
    Map<String, Object> details) {

  public static final int VERSION = 1;

  /**
   * @param kind {@code USER}, {@code STATION}, {@code SYSTEM} or {@code ANONYMOUS}
   * @param id user or station id; null when anonymous
   * @param address client address, where the event came from a request
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Actor(String kind, String id, String address) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String type, String id) {
    public static Target of(String type, Object id) {
      return new Target(type, id == null ? null : id.toString());
    }
  }
}
