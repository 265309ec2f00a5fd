package org.custodia.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what each operation really answers, so generated clients can trust it.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiDocumentTest {
  JsonPath doc;

  @BeforeEach
  void fetch() {
    doc =
        RestAssured.given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
  }

  @Test
  void every_error_answer_is_a_problem_with_the_schema() {
    assertThat(doc.getMap("components.schemas.Problem.properties"))
        .containsKeys("type", "title", "status", "detail", "field", "instance", "errors");
    List<String> missing = new ArrayList<>();
    Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
    paths.forEach(
        (path, ops) ->
            ops.forEach(
                (method, op) -> {
                  if (!path.startsWith("/api/") || !(op instanceof Map)) {
                    return;
                  }
                  @SuppressWarnings("unchecked")
                  Map<String, Map<String, Object>> responses =
                      (Map<String, Map<String, Object>>)
                          ((Map<String, Object>) op).get("responses");
                  for (String code : List.of("401", "500", "503")) {
                    if (!responses.containsKey(code)) {
                      missing.add(method + " " + path + " " + code);
                    }
                  }
                  responses.forEach(
                      (code, r) -> {
                        if (code.compareTo("400") >= 0) {
                          Object content = r.get("content");
                          if (!(content instanceof Map<?, ?> c)
                              || !c.containsKey("application/problem+json")) {
                            missing.add(method + " " + path + " " + code + " problem+json");
                          }
                        }
                      });
                  if (!responses.get("503").toString().contains("Retry-After")) {
                    missing.add(method + " " + path + " 503 Retry-After");
                  }
                }));
    assertThat(missing).isEmpty();
  }

  @Test
  void operations_document_their_real_success_and_rule_answers() {
    assertThat(doc.getMap("paths.'/api/v1/units'.post.responses"))
        .containsKeys("201", "400", "409");
    assertThat(doc.getMap("paths.'/api/v1/users/{id}'.patch.responses")).containsKeys("200", "409");
    assertThat(doc.getMap("paths.'/api/v1/stations/{id}'.delete.responses"))
        .containsKeys("204", "404");
    assertThat(doc.getMap("paths.'/api/v1/cases'.post.responses"))
        .containsKeys("201", "409", "422");
    assertThat(doc.getMap("paths.'/api/v1/auth/login'.post.responses")).containsKeys("401", "429");
    assertThat(doc.getMap("paths.'/api/v1/calendar/years/{year}'.put.responses"))
        .containsKeys("200", "201", "400", "403");
    assertThat(doc.getMap("paths.'/api/v1/cases/{id}/reviews'.post.responses"))
        .containsKeys("201", "400", "404", "409");
    assertThat(doc.getMap("paths.'/api/v1/reviews/{id}/submission'.post.responses"))
        .containsKeys("200", "409");
    assertThat(doc.getMap("paths.'/api/v1/spot-checks/{id}/assignments'.put.responses"))
        .containsKeys("200", "409");
    assertThat(
            doc.getMap("paths.'/api/v1/spot-checks/{id}/results.csv'.get.responses.'200'.content"))
        .containsKey("text/csv; charset=UTF-8");
    assertThat(doc.getMap("paths.'/api/v1/evidence/{id}/content'.get.responses"))
        .containsKeys("200", "206", "304", "404", "416");
    assertThat(doc.getList("paths.'/api/v1/evidence/{id}/content'.get.parameters.name"))
        .contains("Range", "If-Range", "If-None-Match");
    assertThat(
            doc.getString(
                "paths.'/api/v1/evidence/{id}/content'.get.responses.'206'.content.'*/*'.schema.format"))
        .isEqualTo("binary");
  }
}
