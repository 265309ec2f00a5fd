package org.custodia.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Text is stored exactly or refused with a 400 naming the field, never a 500 and never altered:
 * U+0000 and unpaired surrogates in bodies and parameters, members given twice, and parameters that
 * do not parse.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostileTextTest {
  static final List<String> LISTS =
      List.of(
          "/api/v1/units",
          "/api/v1/officers",
          "/api/v1/devices",
          "/api/v1/subjects",
          "/api/v1/cases",
          "/api/v1/evidence");

  @Test
  void a_nul_in_the_login_username_is_a_400_naming_it() {
    RestAssured.given()
        .contentType("application/json")
        .body("{\"username\":\"ad\\u0000min\",\"password\":\"x\"}")
        .post("/api/v1/auth/login")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("username"))
        .body("detail", containsString("U+0000"));
  }

  @Test
  void a_nul_or_a_lone_surrogate_in_a_registry_field_is_refused_and_nothing_is_created() {
    String admin = Api.adminToken();
    for (String name : List.of("bad\\u0000name", "bad\\ud800name", "bad\\udc00name")) {
      String code = Api.unique("T");
      Api.as(admin)
          .body("{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}")
          .post("/api/v1/units")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("name"));
      Api.as(admin)
          .queryParam("q", code)
          .get("/api/v1/units")
          .then()
          .statusCode(200)
          .body("items.size()", equalTo(0));
    }
  }

  @Test
  void text_that_can_be_stored_is_stored_exactly() {
    String admin = Api.adminToken();
    String name = "执法支队 😀 \u00e9\u0301\u2028末";
    String id =
        Api.as(admin)
            .body(java.util.Map.of("code", Api.unique("X"), "name", name))
            .post("/api/v1/units")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Api.as(admin).get("/api/v1/units/" + id).then().statusCode(200).body("name", equalTo(name));
  }

  @Test
  void a_member_given_twice_is_refused() {
    Api.as(Api.adminToken())
        .body("{\"code\":\"" + Api.unique("D") + "\",\"name\":\"a\",\"name\":\"b\"}")
        .post("/api/v1/units")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("name"));
  }

  @Test
  void a_nul_in_the_search_text_of_every_list_is_a_400_naming_q() {
    String admin = Api.adminToken();
    for (String list : LISTS) {
      Api.as(admin)
          .urlEncodingEnabled(false)
          .get(list + "?q=a%00b")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("q"));
    }
  }

  @Test
  void a_parameter_that_does_not_parse_is_a_400_naming_it_not_a_404() {
    String admin = Api.adminToken();
    for (String list : LISTS) {
      Api.as(admin)
          .get(list + "?limit=abc")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("limit"));
    }
    Api.as(admin)
        .get("/api/v1/cases?from=garbage")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
    Api.as(admin)
        .get("/api/v1/cases?status=NO_SUCH_STATUS")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"))
        .body("detail", containsString("OPEN"));
    Api.as(admin)
        .get("/api/v1/evidence?subjectId=not-a-uuid")
        .then()
        .statusCode(400)
        .body("field", equalTo("subjectId"));
  }
}
