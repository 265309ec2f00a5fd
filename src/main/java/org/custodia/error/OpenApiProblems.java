package org.custodia.error;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document with what every operation can answer besides its own results, so
 * that a client generator can trust it: the {@code Problem} schema (RFC 9457) for every error, 400
 * (a parameter or body that does not parse or breaks a rule), 401/403, 404 (operations on a
 * record), 408/413/429 (request bodies: too slow, too large, too many at once), 429 with {@code
 * Retry-After} (login throttling), 500 and 503 with {@code Retry-After} (the database or the object
 * store is down). Responses an operation documents itself are left as they are.
 */
public class OpenApiProblems implements OASFilter {
  static final String PROBLEM = "#/components/schemas/Problem";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema("Problem", problemSchema());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      boolean onRecord = path.getKey().contains("{");
      Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
      if (operations == null) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> op : operations.entrySet()) {
        complete(path.getKey(), op.getKey(), op.getValue(), onRecord);
        if (BYTES.matcher(path.getKey()).find()) {
          bytes(path.getKey(), op.getValue());
        }
      }
    }
  }

  private static void complete(
      String path, PathItem.HttpMethod method, Operation op, boolean onRecord) {
    APIResponses responses = op.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      op.setResponses(responses);
    }
    boolean login = path.equals("/api/v1/auth/login");
    boolean hasInput =
        op.getRequestBody() != null
            || (op.getParameters() != null && !op.getParameters().isEmpty())
            || onRecord;
    if (hasInput) {
      add(
          responses,
          "400",
          "invalid-request: a parameter or the body does not parse or breaks a rule");
    }
    add(
        responses,
        "401",
        login ? "invalid-credentials" : "unauthorized: a valid bearer token is required");
    if (!login) {
      add(responses, "403", "forbidden: the caller's role may not do this");
    }
    if (onRecord) {
      add(
          responses,
          "404",
          "not-found: no such record, or one of another unit (ids cannot be probed; audited)");
    }
    if (op.getRequestBody() != null && method != PathItem.HttpMethod.PATCH
        || method == PathItem.HttpMethod.POST
        || method == PathItem.HttpMethod.PUT) {
      add(responses, "408", "the request body did not arrive in time");
      add(responses, "413", "the request body is too large");
    }
    if (login) {
      retry(add(responses, "429", "too-many-attempts: too many failed logins; retry later"));
    } else if (op.getRequestBody() != null) {
      add(responses, "429", "too many request bodies arriving at once from this address");
    }
    if (responses.getAPIResponses() != null) {
      // errors an operation documents itself are problems too
      responses
          .getAPIResponses()
          .forEach(
              (code, r) -> {
                if (code.compareTo("400") >= 0 && r.getContent() == null) {
                  r.setContent(problemContent());
                }
              });
    }
    add(responses, "500", "internal-error: logged on the server, never with internals");
    retry(
        add(
            responses,
            "503",
            "database-unavailable or storage-unavailable: a dependency is down; retry later"));
  }

  /** Operations that answer evidence bytes: originals, derived files, receipt files. */
  static final java.util.regex.Pattern BYTES =
      java.util.regex.Pattern.compile(
          "/(content|review|thumbnail|sprite|receipt\\.json|receipt\\.p7s|receipt\\.sm2\\.p7s|receipt\\.tsr)$");

  /**
   * What the byte-serving operations answer (the same for each, so documented here once): binary
   * 200; for the streams also 206 with {@code Content-Range}, 304, 416 and their headers; 404 for a
   * derived file or a receipt not made yet.
   */
  private static void bytes(String path, Operation op) {
    boolean receipt = path.contains("/receipt.");
    APIResponses responses = op.getResponses();
    if (receipt) {
      responses
          .getAPIResponse("404")
          .setDescription(
              "not-found, or receipt-not-signed: the item is stored, its receipt not signed yet");
    } else {
      responses
          .getAPIResponse("404")
          .setDescription("not-found, or not-ready: no such derived file (yet)");
      success(responses, "206", "one byte range, with Content-Range");
      success(responses, "304", "not modified (If-None-Match)");
      add(responses, "416", "range-not-satisfiable, with Content-Range: bytes */size");
    }
    for (String code : List.of("200", "206")) {
      APIResponse r = op.getResponses().getAPIResponse(code);
      if (r != null && (r.getContent() == null || r.getContent().getMediaTypes() == null)) {
        r.setContent(
            OASFactory.createContent()
                .addMediaType(
                    "*/*",
                    OASFactory.createMediaType()
                        .schema(
                            OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("binary"))));
      }
    }
    APIResponse partial = op.getResponses().getAPIResponse("206");
    if (partial == null) {
      return;
    }
    partial.addHeader(
        "Content-Range",
        OASFactory.createHeader()
            .description("bytes first-last/size")
            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    for (String[] h :
        new String[][] {
          {"Range", "one byte range: bytes=a-b, a- or -n (several ranges get the whole)"},
          {"If-Range", "the ETag (the SHA-256, strong) or the Last-Modified date"},
          {"If-None-Match", "the ETag: 304 when it matches"}
        }) {
      op.addParameter(
          OASFactory.createParameter()
              .name(h[0])
              .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
              .description(h[1])
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
  }

  private static void success(APIResponses responses, String code, String description) {
    if (responses.getAPIResponse(code) == null) {
      responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
    }
  }

  private static APIResponse add(APIResponses responses, String code, String description) {
    APIResponse existing = responses.getAPIResponse(code);
    if (existing != null) {
      if (existing.getContent() == null && !code.startsWith("2") && !code.equals("304")) {
        existing.setContent(problemContent());
      }
      return existing;
    }
    APIResponse r =
        OASFactory.createAPIResponse().description(description).content(problemContent());
    responses.addAPIResponse(code, r);
    return r;
  }

  private static void retry(APIResponse r) {
    Header h =
        OASFactory.createHeader()
            .description("seconds to wait before retrying")
            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    r.addHeader("Retry-After", h);
  }

  static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE,
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
  }

  private static Schema problemSchema() {
    Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    Schema fieldError =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .addProperty("field", string)
            .addProperty("message", string);
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description(
            "RFC 9457 problem details. type is stable ("
                + Problem.TYPE_BASE
                + "<type>); field"
                + " names the offending input where there is one; errors lists every violated"
                + " constraint.")
        .required(List.of("type", "title", "status"))
        .addProperty(
            "type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
        .addProperty("title", string)
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
        .addProperty("detail", string)
        .addProperty("field", string)
        .addProperty("instance", string)
        .addProperty(
            "errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
  }
}
