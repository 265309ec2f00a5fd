package org.custodia.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.custodia.security.Role;
import org.custodia.storage.ByteRange;
import org.custodia.storage.RangedReads;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves evidence bytes: the original, the review copy, the poster and the sprite sheet (with its
 * WebVTT track). One byte range per request (RFC 9110): {@code bytes=a-b}, {@code a-}, {@code -n} →
 * 206 with {@code Content-Range}; a range that starts past the end → 416 with {@code Content-Range:
 * bytes *}{@code /size}; several ranges → 200 with the whole representation. {@code If-Range} takes
 * the ETag (the SHA-256, strong) or the Last-Modified date. Bytes stream from a ranged GET on the
 * object store straight to the client, on the event loop ({@link RelayedBytesWriter}).
 */
@Path("/api/v1/evidence")
@Tag(name = "Evidence")
@RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
public class StreamResource {
  private final StreamService service;
  private final RangedReads reads;

  StreamResource(StreamService service, RangedReads reads) {
    this.service = service;
    this.reads = reads;
  }

  @GET
  @Path("/{id}/content")
  @Operation(summary = "The original bytes (Range, If-Range, ETag); audited once per session")
  public Response content(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.ORIGINAL, h, false);
  }

  @HEAD
  @Path("/{id}/content")
  public Response contentHead(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.ORIGINAL, h, true);
  }

  @GET
  @Path("/{id}/review")
  @Operation(
      summary = "The browser-playable review copy (or the original when it plays as it is)",
      description = "Same Range semantics as /content; 404 not-ready until processing made one.")
  public Response review(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.REVIEW, h, false);
  }

  @HEAD
  @Path("/{id}/review")
  public Response reviewHead(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.REVIEW, h, true);
  }

  @GET
  @Path("/{id}/thumbnail")
  @Operation(summary = "The poster JPEG of a video")
  public Response thumbnail(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.THUMBNAIL, h, false);
  }

  @HEAD
  @Path("/{id}/thumbnail")
  public Response thumbnailHead(
      @PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.THUMBNAIL, h, true);
  }

  @GET
  @Path("/{id}/sprite")
  @Operation(
      summary = "The sprite sheet JPEG of a video, for timeline scrubbing",
      description =
          "Frames at evenly spaced times (every second, or more so that at most 100 tiles cover"
              + " the recording), tiles of at most 160 px on the longest side, 10 to a row. The"
              + " layout is in the SPRITE entry of derived on GET /api/v1/evidence/{id} and in"
              + " /sprite.vtt. Same Range semantics as /content; 404 not-ready until made.")
  public Response sprite(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.SPRITE, h, false);
  }

  @HEAD
  @Path("/{id}/sprite")
  public Response spriteHead(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    return serve(id, StreamService.Access.SPRITE, h, true);
  }

  @GET
  @Path("/{id}/sprite.vtt")
  @Operation(
      summary = "WebVTT thumbnails track of the sprite sheet",
      description =
          "One cue per tile, gap-free from 0 to the end of the recording; each cue's text is"
              + " /api/v1/evidence/{id}/sprite#xywh=x,y,w,h (the tile in the sheet). Not audited"
              + " (no evidence bytes); 404 not-ready until the sheet is made.")
  @APIResponse(
      responseCode = "200",
      description = "the track",
      content = @Content(mediaType = SpriteTrack.TEXT_VTT))
  public Response spriteTrack(@PathParam("id") UUID id) {
    return Response.ok(SpriteTrack.vtt(service.spriteLayout(id)), SpriteTrack.TEXT_VTT)
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .build();
  }

  private Response serve(UUID id, StreamService.Access access, HttpHeaders h, boolean head) {
    Servable s = service.resolve(id, access);
    String etag = s.etag();
    Instant modified =
        s.lastModified() == null ? null : s.lastModified().truncatedTo(ChronoUnit.SECONDS);
    String ifNoneMatch = h.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && matchesAny(ifNoneMatch, etag)) {
      return validators(Response.notModified(), etag, modified).build();
    }
    String range = h.getHeaderString("Range");
    HttpRanges.Plan plan = HttpRanges.plan(range, s.size());
    String ifRange = h.getHeaderString("If-Range");
    if (ifRange != null && range != null && !ifRangeHolds(ifRange.strip(), etag, modified)) {
      plan = new HttpRanges.Whole();
    }
    if (plan instanceof HttpRanges.Unsatisfiable) {
      return validators(
              ProblemMappers.problem(
                  ProblemType.RANGE_NOT_SATISFIABLE,
                  null,
                  "the range starts at or past the end of the " + s.size() + " bytes",
                  "Range",
                  null,
                  null),
              etag,
              modified)
          .header("Content-Range", "bytes */" + s.size())
          .build();
    }
    ByteRange bytes =
        plan instanceof HttpRanges.Partial p
            ? p.range()
            : s.size() == 0 ? null : new ByteRange(0, s.size() - 1);
    Response.ResponseBuilder r =
        validators(Response.status(plan instanceof HttpRanges.Partial ? 206 : 200), etag, modified)
            .type(s.contentType())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Disposition", disposition(s.contentType()));
    long length = bytes == null ? 0 : bytes.length();
    r.header(HttpHeaders.CONTENT_LENGTH, length);
    if (plan instanceof HttpRanges.Partial) {
      r.header("Content-Range", "bytes " + bytes.first() + "-" + bytes.last() + "/" + s.size());
    }
    if (head) {
      return r.build();
    }
    service.audited(s, access, plan instanceof HttpRanges.Partial ? range : null);
    if (bytes == null) {
      return r.entity(new byte[0]).build();
    }
    // the status line waits for the store's answer, so a store failure is still a problem response
    return r.entity(new RelayedBytes(() -> reads.open(s.bucket(), s.key(), s.version(), bytes)))
        .build();
  }

  /**
   * {@code inline} for what browsers show safely in a page (media, PDF, raster images: the inline
   * document viewer relies on it), {@code attachment} for anything else: an uploaded HTML or SVG
   * file must never render on this origin, where it could act with the viewer's session.
   */
  static String disposition(String contentType) {
    String type =
        contentType == null
            ? ""
            : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    boolean inline =
        type.startsWith("video/")
            || type.startsWith("audio/")
            || type.equals("application/pdf")
            || type.equals("image/png")
            || type.equals("image/jpeg")
            || type.equals("image/gif")
            || type.equals("image/webp");
    return inline ? "inline" : "attachment";
  }

  private static Response.ResponseBuilder validators(
      Response.ResponseBuilder r, String etag, Instant modified) {
    r.header(HttpHeaders.ETAG, etag)
        .header("Accept-Ranges", "bytes")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    if (modified != null) {
      r.header(
          HttpHeaders.LAST_MODIFIED,
          DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
    }
    return r;
  }

  private static boolean matchesAny(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /** If-Range: a strong ETag that equals ours, or an HTTP date that equals Last-Modified. */
  private static boolean ifRangeHolds(String value, String etag, Instant modified) {
    if (value.startsWith("\"") || value.startsWith("W/")) {
      return value.equals(etag);
    }
    if (modified == null) {
      return false;
    }
    try {
      Instant date = DateTimeFormatter.RFC_1123_DATE_TIME.parse(value, Instant::from);
      return date.equals(modified);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
