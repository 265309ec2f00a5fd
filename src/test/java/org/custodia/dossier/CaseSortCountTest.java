package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The case search's sort orders (each paged one case at a time, cursor after cursor) and its count,
 * through the real API, scoped like the search.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CaseSortCountTest {
  static String admin;
  static String officerA;
  static String officerB;
  static UUID unitA;
  static String prefix;

  /** In creation order: numbers 3, 1, 4, 2; decision dates d2, none, d1, d3 (d1 < d2 < d3). */
  static List<UUID> created = new ArrayList<>();

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    String token = Api.adminToken();
    unitA = Api.createUnit(token, Api.unique("so"), "排序测试单位");
    UUID unitB = Api.createUnit(token, Api.unique("sp"), "另一单位");
    String nameA = Api.unique("offa");
    Api.createUser(token, nameA, "OFFICER", unitA);
    officerA = Api.login(nameA, Api.PASSWORD);
    String nameB = Api.unique("offb");
    Api.createUser(token, nameB, "OFFICER", unitB);
    officerB = Api.login(nameB, Api.PASSWORD);
    UUID o1 = Registry.officer(token, unitA, "甲执法");
    UUID o2 = Registry.officer(token, unitA, "乙执法");
    UUID subject = Registry.organisation(officerA, unitA, "排序建材有限公司");
    prefix = Api.unique("排序-");
    LocalDate d1 = LocalDate.now().minusDays(30);
    String[] numbers = {"3", "1", "4", "2"};
    LocalDate[] decided = {d1.plusDays(1), null, d1, d1.plusDays(2)};
    for (int i = 0; i < numbers.length; i++) {
      UUID id =
          Registry.createCase(
              officerA, unitA, prefix + numbers[i], "排序案件" + i, List.of(subject), o1, o2);
      if (decided[i] != null) {
        as(officerA)
            .body(Map.of("status", "DECIDED", "decisionDate", decided[i].toString()))
            .patch("/api/v1/cases/" + id)
            .then()
            .statusCode(200);
      }
      created.add(id);
    }
    admin = token;
  }

  private static List<UUID> paged(String token, String sort) {
    List<UUID> seen = new ArrayList<>();
    String cursor = null;
    do {
      var spec = as(token).queryParam("limit", 1).queryParam("q", prefix);
      if (sort != null) {
        spec.queryParam("sort", sort);
      }
      if (cursor != null) {
        spec.queryParam("cursor", cursor);
      }
      var page = spec.get("/api/v1/cases").then().statusCode(200).extract();
      page.<List<String>>path("items.id").forEach(id -> seen.add(UUID.fromString(id)));
      cursor = page.path("nextCursor");
    } while (cursor != null);
    return seen;
  }

  @Test
  void every_sort_order_pages_through_all_cases_in_its_order() {
    UUID c3 = created.get(0);
    UUID c1 = created.get(1);
    UUID c4 = created.get(2);
    UUID c2 = created.get(3);
    assertThat(paged(officerA, null)).containsExactly(c2, c4, c1, c3);
    assertThat(paged(officerA, "NEWEST")).containsExactly(c2, c4, c1, c3);
    assertThat(paged(officerA, "OLDEST")).containsExactly(c3, c1, c4, c2);
    assertThat(paged(officerA, "CASE_NO")).containsExactly(c1, c2, c3, c4);
    // latest decision first, the undecided case last
    assertThat(paged(officerA, "DECISION_DATE")).containsExactly(c2, c3, c4, c1);
    assertThat(paged(admin, "CASE_NO")).containsExactly(c1, c2, c3, c4);
    assertThat(paged(officerB, "CASE_NO")).isEmpty();
  }

  @Test
  void a_cursor_belongs_to_its_sort_order_and_a_bad_sort_is_named() {
    String cursor =
        as(officerA)
            .queryParam("limit", 1)
            .queryParam("q", prefix)
            .queryParam("sort", "CASE_NO")
            .get("/api/v1/cases")
            .then()
            .statusCode(200)
            .extract()
            .path("nextCursor");
    assertThat(cursor).isNotNull();
    as(officerA)
        .queryParam("q", prefix)
        .queryParam("sort", "DECISION_DATE")
        .queryParam("cursor", cursor)
        .get("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("cursor"));
    as(officerA)
        .queryParam("sort", "TITLE")
        .get("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("sort"));
  }

  @Test
  void the_count_takes_the_same_filters_and_scope_as_the_search() {
    as(officerA)
        .queryParam("q", prefix)
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(4));
    as(officerA)
        .queryParam("q", prefix)
        .queryParam("status", "DECIDED")
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(3));
    as(officerA)
        .queryParam("caseNo", prefix + "4")
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
    as(admin)
        .queryParam("unitId", unitA.toString())
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(4));
    // part of a subject's or a case officer's name
    as(officerA)
        .queryParam("q", prefix)
        .queryParam("subject", "排序建材")
        .queryParam("officer", "甲执")
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(4));
    as(officerA)
        .queryParam("q", prefix)
        .queryParam("officer", "无此人")
        .get("/api/v1/cases")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
    // another unit's officer counts none of them, even naming the unit
    as(officerB)
        .queryParam("q", prefix)
        .queryParam("unitId", unitA.toString())
        .get("/api/v1/cases/count")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }
}
