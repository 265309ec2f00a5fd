package org.custodia.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CertificateEvent;
import org.custodia.dossier.CertificateStatus;
import org.custodia.review.WallClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The rules on in-memory facts: what the registry refuses at upload (auxiliary staff naming
 * themselves, expired certificates) can still be in an archive taken over from older systems, and
 * the rule set's validation.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RuleEngineTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

  final UUID caseId = UUID.randomUUID();
  final UUID unit = UUID.randomUUID();
  final UUID a = UUID.randomUUID();
  final UUID b = UUID.randomUUID();
  final UUID aux = UUID.randomUUID();

  static RuleEngine bundled() {
    return ComplianceRules.load(
        org.custodia.config.ConfigFile.locate(
            ComplianceRules.FILE, Optional.empty(), Optional.empty()),
        JSON,
        ZONE);
  }

  Map<UUID, DossierFacts.OfficerFacts> officers(LocalDate validUntil) {
    return Map.of(
        a, officer(a, validUntil),
        b, officer(b, LocalDate.of(2028, 1, 1)),
        aux, new DossierFacts.OfficerFacts(aux, true, List.of()));
  }

  static DossierFacts.OfficerFacts officer(UUID id, LocalDate validUntil) {
    return new DossierFacts.OfficerFacts(
        id,
        false,
        List.of(
            new CertificateEvent(
                UUID.randomUUID(),
                id,
                null,
                CertificateStatus.GREEN,
                LocalDate.of(2024, 1, 1),
                validUntil,
                null,
                "registered",
                Instant.parse("2025-01-01T00:00:00Z"),
                null)));
  }

  static DossierFacts.Recording rec(UUID officer, Instant from, long seconds) {
    return new DossierFacts.Recording(
        UUID.randomUUID(),
        officer,
        WallClock.of(from, from.plusSeconds(seconds), seconds * 1000, null),
        from.plusSeconds(seconds + 60));
  }

  CaseRecords.Action action(ActionType type, Instant from, long seconds) {
    return new CaseRecords.Action(
        UUID.randomUUID(), type, from, from.plusSeconds(seconds), List.of(a, b));
  }

  DossierFacts facts(
      List<CaseRecords.Action> actions,
      List<DossierFacts.Recording> recordings,
      Map<UUID, DossierFacts.OfficerFacts> officers) {
    return new DossierFacts(caseId, unit, actions, recordings, officers);
  }

  static List<String> lines(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(
          f.rule() + "|" + f.actionId() + "|" + f.evidenceIds() + "|" + f.from() + "|" + f.to());
    }
    return out;
  }

  static String line(String rule, Object action, List<UUID> ids, Instant from, Instant to) {
    return rule + "|" + action + "|" + ids + "|" + from + "|" + to;
  }

  @Test
  void auxiliary_staff_recording_alone_outside_any_action_is_found() {
    DossierFacts.Recording r = rec(aux, T, 30);
    List<Finding> found =
        bundled().evaluate(facts(List.of(), List.of(r), officers(LocalDate.of(2028, 1, 1))));
    assertThat(lines(found))
        .containsExactly(
            line("officer-not-certified", null, List.of(r.id()), T, T.plusSeconds(30)));
    assertThat(found.get(0).detail()).contains("auxiliary staff");
  }

  @Test
  void auxiliary_staff_alongside_an_officer_outside_actions_is_not_a_finding() {
    List<Finding> found =
        bundled()
            .evaluate(
                facts(
                    List.of(),
                    List.of(rec(aux, T, 30), rec(b, T.plusSeconds(10), 30)),
                    officers(LocalDate.of(2028, 1, 1))));
    assertThat(found).isEmpty();
  }

  @Test
  void auxiliary_staff_in_an_action_without_a_responsible_officers_recording_is_found() {
    CaseRecords.Action onSite = action(ActionType.ON_SITE, T, 60);
    DossierFacts.Recording r = rec(aux, T, 60);
    List<Finding> found =
        bundled().evaluate(facts(List.of(onSite), List.of(r), officers(LocalDate.of(2028, 1, 1))));
    assertThat(lines(found))
        .containsExactly(
            line("officer-not-certified", onSite.id(), List.of(r.id()), T, T.plusSeconds(60)),
            line("two-officers", onSite.id(), List.of(r.id()), T, T.plusSeconds(60)));
    assertThat(found.get(1).detail()).isEqualTo("the recordings show 0 officer(s), fewer than 2");
    assertThat(found.get(1).detailCode()).isEqualTo("too-few-officers");
    assertThat(found.get(1).detailArgs()).containsExactly("0", "2");
  }

  @Test
  void auxiliary_staff_beside_the_responsible_officers_is_compliant() {
    CaseRecords.Action onSite = action(ActionType.ON_SITE, T, 60);
    List<Finding> found =
        bundled()
            .evaluate(
                facts(
                    List.of(onSite),
                    List.of(rec(aux, T, 60), rec(a, T, 60), rec(b, T.plusSeconds(5), 50)),
                    officers(LocalDate.of(2028, 1, 1))));
    assertThat(found).isEmpty();
  }

  @Test
  void a_certificate_expired_on_the_recording_day_is_found_in_the_registry_time_zone() {
    // 2026-11-20T17:00Z is already the 21st in Shanghai; the certificate ended on the 20th
    Instant evening = Instant.parse("2026-11-20T17:00:00Z");
    DossierFacts.Recording late = rec(a, evening, 10);
    DossierFacts.Recording inTime = rec(a, T, 10);
    List<Finding> found =
        bundled()
            .evaluate(
                facts(List.of(), List.of(inTime, late), officers(LocalDate.of(2026, 11, 20))));
    assertThat(lines(found))
        .containsExactly(
            line(
                "officer-not-certified",
                null,
                List.of(late.id()),
                evening,
                evening.plusSeconds(10)));
    assertThat(found.get(0).detail()).isEqualTo("the certificate was not valid on 2026-11-21");
    assertThat(found.get(0).detailCode()).isEqualTo("certificate-invalid");
    assertThat(found.get(0).detailArgs()).containsExactly("2026-11-21");
  }

  @Test
  void a_gap_within_the_tolerance_is_not_a_finding_and_one_beyond_it_is() {
    CaseRecords.Action seizure = action(ActionType.SEIZURE, T, 300);
    DossierFacts.Recording first = rec(a, T, 100);
    DossierFacts.Recording second = rec(b, T.plusSeconds(160), 100); // 60 s gap: tolerated
    DossierFacts.Recording third = rec(a, T.plusSeconds(260), 40); // 0 s
    Map<UUID, DossierFacts.OfficerFacts> people = officers(LocalDate.of(2028, 1, 1));
    assertThat(bundled().evaluate(facts(List.of(seizure), List.of(first, second, third), people)))
        .isEmpty();
    DossierFacts.Recording shorter = rec(b, T.plusSeconds(161), 99); // 61 s gap
    assertThat(
            lines(
                bundled()
                    .evaluate(facts(List.of(seizure), List.of(first, shorter, third), people))))
        .containsExactly(
            line("coverage-gap", seizure.id(), List.of(), T.plusSeconds(100), T.plusSeconds(161)));
  }

  @Test
  void a_rule_left_out_of_the_rule_set_finds_nothing() throws Exception {
    ObjectNode set =
        (ObjectNode) JSON.readTree(getClass().getResourceAsStream(ComplianceRules.BUNDLED));
    var rules = set.withArray("rules");
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).get("code").asText().equals("mandatory-recording")) {
        rules.remove(i);
      }
    }
    RuleEngine engine = ComplianceRules.check(JSON.treeToValue(set, RuleSet.class), "test", ZONE);
    CaseRecords.Action demolition = action(ActionType.DEMOLITION, T, 60);
    assertThat(engine.evaluate(facts(List.of(demolition), List.of(), Map.of()))).isEmpty();
    assertThat(bundled().evaluate(facts(List.of(demolition), List.of(), Map.of())))
        .extracting(Finding::rule)
        .containsExactly("mandatory-recording");
  }

  @Test
  void a_rule_set_the_engine_cannot_apply_is_refused_naming_what_is_wrong() throws Exception {
    assertRefused(
        "/rules/0/code", JSON.valueToTree("no-such-rule"), "rule no-such-rule: no such rule");
    assertRefused(
        "/rules/1/parameters/toleranceSeconds",
        JSON.valueToTree(-1),
        "rule coverage-gap: parameter toleranceSeconds must be a whole number from 0 to 86400");
    assertRefused(
        "/rules/0/parameters/actionTypes",
        JSON.valueToTree(List.of("SIEZURE")),
        "rule mandatory-recording: parameter actionTypes names SIEZURE");
    assertRefused(
        "/rules/3/parameters/maxDelayHours",
        JSON.valueToTree("24"),
        "rule late-upload: parameter maxDelayHours must be a whole number");
    assertRefused(
        "/rules/2/clause",
        JSON.valueToTree(" "),
        "rule officer-not-certified: clause must cite the regulation");
    assertRefused(
        "/rules/4/version", JSON.valueToTree(0), "rule two-officers: version must be 1 or more");
    assertRefused(
        "/rules/5/code", JSON.valueToTree("two-officers"), "rule two-officers is listed twice");
    assertRefused("/version", JSON.valueToTree(""), "version must be 1 to 64 characters");
  }

  private void assertRefused(
      String pointer, com.fasterxml.jackson.databind.JsonNode value, String message)
      throws Exception {
    ObjectNode set =
        (ObjectNode) JSON.readTree(getClass().getResourceAsStream(ComplianceRules.BUNDLED));
    com.fasterxml.jackson.core.JsonPointer p =
        com.fasterxml.jackson.core.JsonPointer.compile(pointer);
    ObjectNode parent = (ObjectNode) set.at(p.head());
    parent.set(p.last().getMatchingProperty(), value);
    RuleSet rules = JSON.treeToValue(set, RuleSet.class);
    assertThatThrownBy(() -> ComplianceRules.check(rules, "test.json", ZONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("compliance rules test.json: ")
        .hasMessageContaining(message);
  }
}
