package org.custodia.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditReader;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.custodia.trail.AuditTrail;

/** Audit events as the audit and custody pages show them: a user's name next to the id. */
@RequestScoped
public class AuditViews {
  private final AuditTrail trail;
  private final UserService users;
  private final Map<String, String> names = new HashMap<>();

  AuditViews(AuditTrail trail, UserService users) {
    this.trail = trail;
    this.users = users;
  }

  /** One event row; {@code index} null while the event waits for the integrator. */
  public record Row(
      long id,
      Long index,
      boolean openable,
      Instant time,
      String type,
      String actorKind,
      String actorId,
      String actorName,
      String role,
      String unit,
      String address,
      String targetType,
      String targetId,
      String details) {}

  public List<Row> rows(List<AuditReader.EventRow> events) {
    return events.stream().map(this::row).toList();
  }

  Row row(AuditReader.EventRow r) {
    JsonNode e = r.event();
    JsonNode actor = e.path("actor");
    JsonNode target = e.path("target");
    String actorId = text(actor, "id");
    String kind = text(actor, "kind");
    Instant time = null;
    try {
      time = e.hasNonNull("time") ? Instant.parse(e.get("time").asText()) : null;
    } catch (java.time.format.DateTimeParseException ignored) {
      // shown without a time
    }
    JsonNode details = e.get("details");
    return new Row(
        r.id(),
        r.index(),
        r.index() != null && trail.mayRead(e),
        time,
        text(e, "type"),
        kind,
        actorId,
        "USER".equals(kind) ? name(actorId) : null,
        text(e, "role"),
        text(e, "unit"),
        text(actor, "address"),
        text(target, "type"),
        text(target, "id"),
        details == null || details.isEmpty() ? null : details.toString());
  }

  private String name(String id) {
    if (id == null) {
      return null;
    }
    return names.computeIfAbsent(
        id,
        k -> {
          try {
            return users.byId(UUID.fromString(k)).map(User::username).orElse(null);
          } catch (IllegalArgumentException e) {
            return null;
          }
        });
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
