package org.custodia.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * tus 1.0.0 resumable uploads with the creation, creation-with-upload, expiration, checksum and
 * termination extensions. Docking stations upload with their station token; officers and admins may
 * upload documents with their own.
 */
@Path("/api/v1/uploads")
@Tag(name = "Uploads (tus 1.0.0)")
@RolesAllowed({Role.STATION_, Role.OFFICER_, Role.ADMIN_})
public class TusResource {
  static final String VERSION = "1.0.0";
  static final String OFFSET_TYPE = "application/offset+octet-stream";
  private static final String EXTENSIONS =
      "creation,creation-with-upload,expiration,checksum,termination";
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final UploadService uploads;
  private final Caller caller;
  private final io.quarkus.vertx.http.runtime.CurrentVertxRequest vertxRequest;

  TusResource(
      UploadService uploads,
      Caller caller,
      io.quarkus.vertx.http.runtime.CurrentVertxRequest vertxRequest) {
    this.uploads = uploads;
    this.caller = caller;
    this.vertxRequest = vertxRequest;
  }

  @OPTIONS
  @Operation(summary = "tus capabilities")
  public Response options() {
    return Response.noContent()
        .header("Tus-Resumable", VERSION)
        .header("Tus-Version", VERSION)
        .header("Tus-Extension", EXTENSIONS)
        .header("Tus-Max-Size", uploads.maxSize())
        .header("Tus-Checksum-Algorithm", "sha1,sha256")
        .build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Create an upload (tus creation; with a body: creation-with-upload)")
  @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
      description = "optional: the first bytes (creation-with-upload), read as a stream",
      content =
          @Content(
              mediaType = OFFSET_TYPE,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  public Response create(
      @HeaderParam("Tus-Resumable") String tus,
      @HeaderParam("Upload-Length") String length,
      @HeaderParam("Upload-Defer-Length") String defer,
      @HeaderParam("Upload-Metadata") String metadata,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") Long contentLength,
      @HeaderParam("Upload-Checksum") String checksum,
      @Context UriInfo uri) {
    requireTus(tus);
    if (defer != null) {
      throw CustodiaException.invalid(
          "Upload-Defer-Length", "deferred length is not supported; send Upload-Length");
    }
    if (length == null) {
      throw CustodiaException.invalid("Upload-Length", "Upload-Length is required");
    }
    long uploadLength = parseLong(length, "Upload-Length");
    // everything about the request is checked before the upload exists: a refusal leaves nothing
    String type = mediaType(contentType);
    boolean withBody = OFFSET_TYPE.equals(type) || (contentLength != null && contentLength > 0);
    if (withBody && !OFFSET_TYPE.equals(type)) {
      throw new CustodiaException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "an upload body must be " + OFFSET_TYPE,
          "Content-Type");
    }
    UploadService.Checksum sum = checksum(checksum);
    long bodyLength = withBody && contentLength != null ? contentLength : -1;
    uploads.checkFirstBody(uploadLength, bodyLength, sum);
    UploadService.Status created = uploads.create(uploader(), uploadLength, metadata);
    Response.ResponseBuilder response =
        Response.status(201)
            .location(uri.getAbsolutePathBuilder().path(created.id().toString()).build());
    UploadService.Status status = created;
    // an empty upload is complete as soon as it exists, whether or not a body was announced
    if (withBody || created.length() == 0) {
      status =
          uploads.patch(
              uploader(),
              created.id(),
              0,
              sum,
              bodyLength,
              withBody ? body() : InputStream.nullInputStream());
    }
    return progress(response, status).build();
  }

  @HEAD
  @Path("/{id}")
  @Operation(summary = "Offset of an upload (tus core)")
  public Response head(@HeaderParam("Tus-Resumable") String tus, @PathParam("id") UUID id) {
    requireTus(tus);
    UploadService.Status status = uploads.head(uploader(), id);
    Response.ResponseBuilder response =
        progress(Response.ok(), status)
            .header("Upload-Length", status.length())
            .header("Cache-Control", "no-store");
    if (status.metadataHeader() != null) {
      response.header("Upload-Metadata", status.metadataHeader());
    }
    return response.build();
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Append bytes at Upload-Offset (tus core, checksum)")
  @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
      description = "the bytes from Upload-Offset on, read as a stream",
      required = true,
      content =
          @Content(
              mediaType = OFFSET_TYPE,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  public Response patch(
      @HeaderParam("Tus-Resumable") String tus,
      @PathParam("id") UUID id,
      @HeaderParam("Upload-Offset") String offset,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") Long contentLength,
      @HeaderParam("Upload-Checksum") String checksum) {
    requireTus(tus);
    if (!OFFSET_TYPE.equals(mediaType(contentType))) {
      // tus: a PATCH MUST be application/offset+octet-stream, else 415; none at all is no exception
      throw new CustodiaException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "a PATCH body must be " + OFFSET_TYPE,
          "Content-Type");
    }
    if (offset == null) {
      throw CustodiaException.invalid("Upload-Offset", "Upload-Offset is required");
    }
    UploadService.Status status =
        uploads.patch(
            uploader(),
            id,
            parseLong(offset, "Upload-Offset"),
            checksum(checksum),
            contentLength == null ? -1 : contentLength,
            body());
    return progress(Response.noContent(), status).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Terminate an upload (tus termination)")
  public Response terminate(@HeaderParam("Tus-Resumable") String tus, @PathParam("id") UUID id) {
    requireTus(tus);
    uploads.terminate(uploader(), id);
    return Response.noContent().header("Tus-Resumable", VERSION).build();
  }

  private Response.ResponseBuilder progress(
      Response.ResponseBuilder response, UploadService.Status status) {
    response.header("Tus-Resumable", VERSION).header("Upload-Offset", status.offset());
    if (status.completion() == null) {
      response.header("Upload-Expires", HTTP_DATE.format(status.expiresAt()));
    } else {
      response
          .header("Custodia-Evidence-Id", status.completion().evidenceId())
          .header("Custodia-SHA256", UploadService.hex(status.completion().sha256()))
          .header("Custodia-SM3", UploadService.hex(status.completion().sm3()));
      if (status.completion().duplicate()) {
        response.header("Custodia-Duplicate", "true");
      }
    }
    return response;
  }

  private UploadService.Uploader uploader() {
    return new UploadService.Uploader(
        caller.role() == Role.STATION ? "STATION" : "USER", caller.id(), caller.unitId());
  }

  /** The request body, read straight from Vert.x with bounded read-ahead ({@link RequestBody}). */
  private InputStream body() {
    return new RequestBody(vertxRequest.getCurrent().request());
  }

  private static void requireTus(String version) {
    if (!VERSION.equals(version)) {
      throw new TusVersionException();
    }
  }

  /** The media type of a Content-Type, lower-cased, without parameters; null when none. */
  private static String mediaType(String contentType) {
    return contentType == null
        ? null
        : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** tus: a non-negative integer, digits only (no sign, no spaces), that fits in a long. */
  private static long parseLong(String value, String header) {
    if (!DIGITS.matcher(value).matches()) {
      throw CustodiaException.invalid(header, header + " must be a non-negative integer");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw CustodiaException.invalid(header, header + " is too large");
    }
  }

  private static UploadService.Checksum checksum(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String[] parts = header.trim().split(" ", 2);
    if (parts.length != 2) {
      throw CustodiaException.invalid(
          "Upload-Checksum", "Upload-Checksum must be '<algorithm> <base64 digest>'");
    }
    try {
      return new UploadService.Checksum(
          parts[0].trim(), Base64.getDecoder().decode(parts[1].trim()));
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("Upload-Checksum", "the checksum is not base64");
    }
  }

  /** tus errors carry Tus-Resumable and, where it helps the client, the server's view. */
  @ServerExceptionMapper
  public Response tusProblem(CustodiaException e, UriInfo uri) {
    Response base = ProblemMappers.toResponse(e, uri.getRequestUri().getRawPath());
    Response.ResponseBuilder response =
        Response.fromResponse(base).header("Tus-Resumable", VERSION);
    if (e instanceof OffsetMismatchException m) {
      response.header("Upload-Offset", m.serverOffset());
    } else if (e instanceof ClaimedHashMismatchException h) {
      response.header("Custodia-SHA256", h.sha256Hex()).header("Custodia-SM3", h.sm3Hex());
    } else if (e instanceof TusVersionException) {
      response.header("Tus-Version", VERSION);
    }
    return response.build();
  }

  /** 412: the client speaks another tus version. */
  static final class TusVersionException extends CustodiaException {
    TusVersionException() {
      super(ProblemType.TUS_VERSION, "this server speaks tus " + VERSION, "Tus-Resumable");
    }
  }
}
