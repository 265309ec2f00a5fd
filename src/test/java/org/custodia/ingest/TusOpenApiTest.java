package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the tus endpoints as they answer: every status, problem+json for
 * errors, the binary body and the tus headers both ways.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@SuppressWarnings("unchecked")
class TusOpenApiTest {
  private static final String UPLOADS = "/api/v1/uploads";
  private static final String UPLOAD = "/api/v1/uploads/{id}";
  private static Map<String, Object> paths;

  private static Map<String, Object> operation(String path, String method) {
    if (paths == null) {
      paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    }
    Map<String, Object> item = (Map<String, Object>) paths.get(path);
    assertThat(item).as(path).isNotNull().containsKey(method);
    return (Map<String, Object>) item.get(method);
  }

  private static Map<String, Object> responses(String path, String method) {
    return (Map<String, Object>) operation(path, method).get("responses");
  }

  private static Map<String, Object> response(String path, String method, String code) {
    Map<String, Object> responses = responses(path, method);
    assertThat(responses).as(method + " " + path).containsKey(code);
    return (Map<String, Object>) responses.get(code);
  }

  private static Map<String, Object> headers(String path, String method, String code) {
    return (Map<String, Object>)
        response(path, method, code).getOrDefault("headers", Map.<String, Object>of());
  }

  private static List<String> parameters(String path, String method, String in) {
    List<Map<String, Object>> all =
        (List<Map<String, Object>>) operation(path, method).getOrDefault("parameters", List.of());
    return all.stream()
        .filter(p -> in.equals(p.get("in")))
        .map(p -> (String) p.get("name"))
        .toList();
  }

  private static void errorsAreProblems(String path, String method, String... codes) {
    Map<String, Object> responses = responses(path, method);
    assertThat(responses).as(method + " " + path).containsKeys(codes);
    for (String code : codes) {
      Map<String, Object> content =
          (Map<String, Object>)
              ((Map<String, Object>) responses.get(code)).getOrDefault("content", Map.of());
      assertThat(content)
          .as(method + " " + path + " " + code)
          .containsKey("application/problem+json");
    }
  }

  @Test
  void creation_is_documented_with_its_statuses_headers_and_body() {
    errorsAreProblems(
        UPLOADS, "post", "400", "401", "403", "412", "413", "415", "422", "460", "503", "507");
    assertThat(headers(UPLOADS, "post", "201"))
        .containsKeys(
            "Location",
            "Tus-Resumable",
            "Upload-Offset",
            "Upload-Expires",
            "Custodia-Evidence-Id",
            "Custodia-SHA256",
            "Custodia-SM3");
    assertThat(headers(UPLOADS, "post", "503")).containsKey("Retry-After");
    assertThat(headers(UPLOADS, "post", "412")).containsKey("Tus-Version");
    assertThat(parameters(UPLOADS, "post", "header"))
        .contains("Tus-Resumable", "Upload-Length", "Upload-Metadata", "Upload-Checksum")
        .doesNotContain("Content-Type", "Content-Length");
    Map<String, Object> body = (Map<String, Object>) operation(UPLOADS, "post").get("requestBody");
    assertThat((Map<String, Object>) body.get("content"))
        .containsOnlyKeys("application/offset+octet-stream");
  }

  @Test
  void head_patch_and_delete_are_documented_with_their_statuses_and_headers() {
    errorsAreProblems(UPLOAD, "head", "401", "403", "404", "410", "412", "503");
    assertThat(headers(UPLOAD, "head", "200"))
        .containsKeys(
            "Tus-Resumable",
            "Upload-Offset",
            "Upload-Length",
            "Upload-Metadata",
            "Upload-Expires",
            "Custodia-Evidence-Id",
            "Custodia-SHA256",
            "Custodia-SM3");

    errorsAreProblems(
        UPLOAD, "patch", "400", "401", "403", "404", "409", "410", "412", "413", "415", "460",
        "503", "507");
    assertThat(headers(UPLOAD, "patch", "204"))
        .containsKeys(
            "Tus-Resumable",
            "Upload-Offset",
            "Upload-Expires",
            "Custodia-Evidence-Id",
            "Custodia-SHA256",
            "Custodia-SM3");
    assertThat(headers(UPLOAD, "patch", "409")).containsKeys("Upload-Offset", "Retry-After");
    assertThat(headers(UPLOAD, "patch", "460")).containsKeys("Custodia-SHA256", "Custodia-SM3");
    assertThat(headers(UPLOAD, "patch", "503")).containsKey("Retry-After");
    assertThat(parameters(UPLOAD, "patch", "header"))
        .contains("Tus-Resumable", "Upload-Offset", "Upload-Checksum")
        .doesNotContain("Content-Type", "Content-Length");
    Map<String, Object> body = (Map<String, Object>) operation(UPLOAD, "patch").get("requestBody");
    assertThat(body).containsEntry("required", true);
    Map<String, Object> content = (Map<String, Object>) body.get("content");
    assertThat(content).containsOnlyKeys("application/offset+octet-stream");
    assertThat(
            (Map<String, Object>)
                ((Map<String, Object>) content.get("application/offset+octet-stream"))
                    .get("schema"))
        .containsEntry("format", "binary");

    errorsAreProblems(UPLOAD, "delete", "401", "403", "404", "409", "410", "412", "503");
    assertThat(responses(UPLOAD, "delete")).containsKey("204");
    assertThat(headers(UPLOADS, "options", "204"))
        .containsKeys("Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size");
  }

  @Test
  void the_admin_operations_are_documented_with_their_statuses() {
    for (String[] op :
        new String[][] {
          {"/api/v1/admin/ingest/orphans", "get"},
          {"/api/v1/admin/ingest/reconcile", "post"},
          {"/api/v1/admin/ingest/expire", "post"}
        }) {
      assertThat(responses(op[0], op[1])).containsKey("200");
      errorsAreProblems(op[0], op[1], "401", "403", "503");
    }
  }
}
