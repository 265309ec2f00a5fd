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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * tus 1.0.0 resumable uploads with the creation, creation-with-upload, expiration, checksum and
 * termination extensions. Docking stations upload with their station token; officers and admins may
 * upload documents with their own. Every error is {@code application/problem+json} with {@code
 * Tus-Resumable}; the responses every operation may give are declared on the class.
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
  @APIResponse(
      responseCode = "204",
      description = "the server's tus capabilities",
      headers = {
        @Header(
            name = "Tus-Resumable",
            description = "1.0.0",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Tus-Version",
            description = "1.0.0",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Tus-Extension",
            description = "creation,creation-with-upload,expiration,checksum,termination",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Tus-Max-Size",
            description = "largest Upload-Length accepted",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Tus-Checksum-Algorithm",
            description = "sha1,sha256",
            schema = @Schema(type = SchemaType.STRING))
      })
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
  @APIResponse(
      responseCode = "201",
      description =
          "created; a body sent along is taken; the whole file (or Upload-Length "
              + "0): archived, with the server's hashes",
      headers = {
        @Header(
            name = "Location",
            description = "the upload's URL",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Tus-Resumable",
            description = "1.0.0",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Upload-Offset",
            description = "bytes received and durable",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Upload-Expires",
            description = "while receiving: when the upload expires if untouched",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-Evidence-Id",
            description = "once complete: the evidence record",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-Duplicate",
            description = "true: the file was archived before; that record is returned",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(
      responseCode = "400",
      description =
          "invalid Upload-Length, Upload-Metadata (malformed pairs; a value not "
              + "base64, not UTF-8 or not valid for its key; an unknown device, "
              + "officer, subject or case, or one of another unit), Upload-Checksum or "
              + "Content-Length: field names it")
  @APIResponse(
      responseCode = "412",
      description = "Tus-Resumable is not 1.0.0 (tus-version)",
      headers =
          @Header(
              name = "Tus-Version",
              description = "1.0.0",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "413",
      description =
          "Upload-Length above Tus-Max-Size (upload-too-large), or a checksummed "
              + "body above its limit (patch-too-large)")
  @APIResponse(
      responseCode = "415",
      description = "a body that is not application/offset+octet-stream")
  @APIResponse(
      responseCode = "422",
      description =
          "the officer may not enforce (auxiliary-not-responsible, officer-not-"
              + "certified) or the subject is not a party to the case (subject-not-in-"
              + "case)")
  @APIResponse(
      responseCode = "460",
      description =
          "the body does not match Upload-Checksum (checksum-mismatch: discarded)"
              + " or the file its claimed sha256 (claimed-hash-mismatch: quarantined)",
      headers = {
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "502", description = "the object store failed (storage-error)")
  @APIResponse(
      responseCode = "507",
      description = "object store or upload spool full (storage-full, spool-full)")
  public Response create(
      @Parameter(in = ParameterIn.HEADER, required = true, description = "1.0.0")
          @HeaderParam("Tus-Resumable")
          String tus,
      @Parameter(in = ParameterIn.HEADER, required = true, description = "the file's size: digits")
          @HeaderParam("Upload-Length")
          String length,
      @Parameter(in = ParameterIn.HEADER, description = "not supported: 400")
          @HeaderParam("Upload-Defer-Length")
          String defer,
      @Parameter(
              in = ParameterIn.HEADER,
              required = true,
              description =
                  "comma-separated 'key base64(value)' pairs, each key once: filename, contentType"
                      + " (or filetype), sha256, officerId; for stations deviceId, recordedFrom,"
                      + " recordedTo; optional subjectId, caseId, actionType, latitude, longitude,"
                      + " title, notes. Values are UTF-8, stored exactly or refused")
          @HeaderParam("Upload-Metadata")
          String metadata,
      @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
      @Parameter(hidden = true) @HeaderParam("Content-Length") Long contentLength,
      @Parameter(in = ParameterIn.HEADER, description = "with a body: '<sha1|sha256> <base64>'")
          @HeaderParam("Upload-Checksum")
          String checksum,
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
    java.net.URI location = uri.getAbsolutePathBuilder().path(created.id().toString()).build();
    Response.ResponseBuilder response = Response.status(201).location(location);
    UploadService.Status status = created;
    // an empty upload is complete as soon as it exists, whether or not a body was announced
    if (withBody || created.length() == 0) {
      try {
        status =
            uploads.patch(
                uploader(),
                created.id(),
                0,
                sum,
                bodyLength,
                withBody ? body() : InputStream.nullInputStream());
      } catch (CustodiaException e) {
        // the upload exists and keeps what it acknowledged: its Location lets the client resume
        // (HEAD, then PATCH the rest) instead of leaving it to be found by nobody
        return Response.fromResponse(tusProblem(e, uri)).location(location).build();
      }
    }
    return progress(response, status).build();
  }

  @HEAD
  @Path("/{id}")
  @Operation(summary = "Offset of an upload (tus core)")
  @APIResponse(
      responseCode = "200",
      description =
          "the upload's offset and, once complete, the server's hashes (a "
              + "completion a crash interrupted is finished first)",
      headers = {
        @Header(
            name = "Tus-Resumable",
            description = "1.0.0",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Upload-Offset",
            description = "bytes received and durable",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Upload-Length",
            description = "the upload's length",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Upload-Metadata",
            description = "as sent at creation",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Upload-Expires",
            description = "while receiving: when the upload expires if untouched",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-Evidence-Id",
            description = "once complete: the evidence record",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Cache-Control",
            description = "no-store",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "404", description = "no such upload of the caller")
  @APIResponse(
      responseCode = "410",
      description = "terminated or expired (upload-gone) or quarantined (upload-" + "quarantined)")
  @APIResponse(
      responseCode = "412",
      description = "Tus-Resumable is not 1.0.0 (tus-version)",
      headers =
          @Header(
              name = "Tus-Version",
              description = "1.0.0",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "460",
      description =
          "the body does not match Upload-Checksum (checksum-mismatch: discarded)"
              + " or the file its claimed sha256 (claimed-hash-mismatch: quarantined)",
      headers = {
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "502", description = "the object store failed (storage-error)")
  @APIResponse(
      responseCode = "507",
      description = "object store or upload spool full (storage-full, spool-full)")
  public Response head(
      @Parameter(in = ParameterIn.HEADER, required = true, description = "1.0.0")
          @HeaderParam("Tus-Resumable")
          String tus,
      @PathParam("id") UUID id) {
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
  @APIResponse(
      responseCode = "204",
      description = "the bytes are durable; after the last one the evidence is archived",
      headers = {
        @Header(
            name = "Tus-Resumable",
            description = "1.0.0",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Upload-Offset",
            description = "bytes received and durable",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Upload-Expires",
            description = "while receiving: when the upload expires if untouched",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-Evidence-Id",
            description = "once complete: the evidence record",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-Duplicate",
            description = "true: the file was archived before; that record is returned",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(
      responseCode = "400",
      description =
          "invalid Upload-Offset, Upload-Checksum or Content-Length, an "
              + "unsupported checksum algorithm (checksum-algorithm), or the body ended"
              + " early (upload-interrupted: resume from HEAD's offset)")
  @APIResponse(responseCode = "404", description = "no such upload of the caller")
  @APIResponse(
      responseCode = "409",
      description =
          "Upload-Offset is not the server's (offset-mismatch: Upload-Offset has "
              + "it), another request holds the upload (upload-busy: Retry-After) or it"
              + " is complete (upload-completed)",
      headers = {
        @Header(
            name = "Upload-Offset",
            description = "bytes received and durable",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Retry-After",
            description = "seconds to wait before retrying",
            schema = @Schema(type = SchemaType.INTEGER))
      })
  @APIResponse(
      responseCode = "410",
      description = "terminated or expired (upload-gone) or quarantined (upload-" + "quarantined)")
  @APIResponse(
      responseCode = "412",
      description = "Tus-Resumable is not 1.0.0 (tus-version)",
      headers =
          @Header(
              name = "Tus-Version",
              description = "1.0.0",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "413",
      description = "a body with Upload-Checksum above its limit (patch-too-large)")
  @APIResponse(
      responseCode = "415",
      description = "Content-Type missing or not application/offset+octet-stream")
  @APIResponse(
      responseCode = "460",
      description =
          "the body does not match Upload-Checksum (checksum-mismatch: discarded)"
              + " or the file its claimed sha256 (claimed-hash-mismatch: quarantined)",
      headers = {
        @Header(
            name = "Custodia-SHA256",
            description = "SHA-256 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Custodia-SM3",
            description = "SM3 the server computed (hex)",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "502", description = "the object store failed (storage-error)")
  @APIResponse(
      responseCode = "507",
      description = "object store or upload spool full (storage-full, spool-full)")
  public Response patch(
      @Parameter(in = ParameterIn.HEADER, required = true, description = "1.0.0")
          @HeaderParam("Tus-Resumable")
          String tus,
      @PathParam("id") UUID id,
      @Parameter(in = ParameterIn.HEADER, required = true, description = "the offset HEAD reports")
          @HeaderParam("Upload-Offset")
          String offset,
      @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
      @Parameter(hidden = true) @HeaderParam("Content-Length") Long contentLength,
      @Parameter(
              in = ParameterIn.HEADER,
              description =
                  "'<sha1|sha256> <base64>' of the body, verified before any of it counts")
          @HeaderParam("Upload-Checksum")
          String checksum) {
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
  @APIResponse(
      responseCode = "204",
      description = "terminated; its parts are freed",
      headers =
          @Header(
              name = "Tus-Resumable",
              description = "1.0.0",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "404", description = "no such upload of the caller")
  @APIResponse(
      responseCode = "409",
      description =
          "the upload is complete, so evidence (upload-completed), or another "
              + "request holds it (upload-busy: Retry-After)",
      headers =
          @Header(
              name = "Retry-After",
              description = "seconds to wait before retrying",
              schema = @Schema(type = SchemaType.INTEGER)))
  @APIResponse(
      responseCode = "410",
      description = "terminated or expired (upload-gone) or quarantined (upload-" + "quarantined)")
  @APIResponse(
      responseCode = "412",
      description = "Tus-Resumable is not 1.0.0 (tus-version)",
      headers =
          @Header(
              name = "Tus-Version",
              description = "1.0.0",
              schema = @Schema(type = SchemaType.STRING)))
  public Response terminate(
      @Parameter(in = ParameterIn.HEADER, required = true, description = "1.0.0")
          @HeaderParam("Tus-Resumable")
          String tus,
      @PathParam("id") UUID id) {
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
