package org.custodia.trail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.custodia.audit.AuditReader;
import org.custodia.audit.SignedCheckpoint;
import org.custodia.error.CustodiaException;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.KeyFiles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log over HTTP: entries, signed checkpoints, inclusion and consistency proofs, the
 * checkpoint key and the filtered event list. Proofs and checkpoints carry only hashes and are not
 * themselves audited (each fetch would grow the log it proves); listing events is.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AuditResource {

  private final AuditReader log;
  private final AuditTrail trail;

  AuditResource(AuditReader log, AuditTrail trail) {
    this.log = log;
    this.trail = trail;
  }

  public record EntryView(long index, String entry) {}

  public record CheckpointView(
      long treeSize,
      String rootHash,
      String timestamp,
      String signature,
      String keyId,
      String origin) {
    static CheckpointView of(SignedCheckpoint cp) {
      return new CheckpointView(
          cp.treeSize(),
          b64(cp.rootHash()),
          cp.time(),
          b64(cp.signature()),
          cp.keyId(),
          cp.origin());
    }
  }

  public record InclusionProof(long leafIndex, long treeSize, List<String> hashes) {}

  public record ConsistencyProof(long from, long to, List<String> hashes) {}

  public record EventView(long id, Long index, JsonNode event) {}

  public record EventPage(List<EventView> items, String nextCursor) {}

  @GET
  @Path("/entries/{index}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "One log entry: its canonical JSON bytes, base64 (auditors: own unit)")
  public EntryView entry(@PathParam("index") long index) {
    return new EntryView(index, b64(trail.entry(index)));
  }

  @GET
  @Path("/checkpoint")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The newest signed checkpoint (JSON)")
  public CheckpointView checkpoint() {
    return CheckpointView.of(log.latestCheckpoint());
  }

  @GET
  @Path("/checkpoint")
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The newest signed checkpoint as a C2SP signed note")
  public String checkpointNote() {
    return log.latestCheckpoint().note();
  }

  @POST
  @Path("/checkpoint")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Integrate queued events and sign a checkpoint now")
  public CheckpointView checkpointNow() {
    return CheckpointView.of(log.checkpointNow());
  }

  @GET
  @Path("/proof/inclusion")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "RFC 9162 inclusion proof (audit path) of a leaf in a tree size")
  public InclusionProof inclusion(
      @QueryParam("index") Long index, @QueryParam("treeSize") Long treeSize) {
    require("index", index);
    require("treeSize", treeSize);
    return new InclusionProof(index, treeSize, b64All(log.inclusionProof(index, treeSize)));
  }

  @GET
  @Path("/proof/consistency")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "RFC 9162 consistency proof between two tree sizes")
  public ConsistencyProof consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
    require("from", from);
    require("to", to);
    return new ConsistencyProof(from, to, b64All(log.consistencyProof(from, to)));
  }

  @GET
  @Path("/public-key")
  @Produces("application/x-pem-file")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The checkpoint-signing Ed25519 public key (PEM)")
  public String publicKey() {
    return KeyFiles.pem("PUBLIC KEY", log.checkpointKey().getEncoded());
  }

  @GET
  @Path("/events")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "List events, filtered, in log order (auditors: own unit)")
  public EventPage events(
      @QueryParam("targetType") String targetType,
      @QueryParam("targetId") String targetId,
      @QueryParam("actorId") String actorId,
      @QueryParam("type") String type,
      @QueryParam("unitId") String unitId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    AuditTrail.EventPage page =
        trail.events(
            new AuditTrail.Query(
                targetType,
                targetId,
                actorId,
                type,
                uuid("unitId", unitId),
                instant("from", from),
                instant("to", to)),
            Cursors.limit(limit),
            cursor);
    return new EventPage(
        page.rows().stream().map(r -> new EventView(r.id(), r.index(), r.event())).toList(),
        page.nextCursor());
  }

  static java.util.UUID uuid(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.util.UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid(field, field + " must be a UUID");
    }
  }

  private static void require(String field, Object value) {
    if (value == null) {
      throw CustodiaException.invalid(field, field + " is required");
    }
  }

  static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(field, field + " must be an RFC 3339 UTC time");
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static List<String> b64All(List<byte[]> hashes) {
    return hashes.stream().map(AuditResource::b64).toList();
  }
}
