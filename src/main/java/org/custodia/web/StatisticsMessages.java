package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the yearly statistics report ({@code {statistics:…}}; messages/statistics_*.properties).
 */
@MessageBundle(value = "statistics", locale = "zh-CN")
public interface StatisticsMessages {
  @Message
  String nav();

  @Message
  String title(int year);

  @Message
  String choose();

  @Message
  String yearLabel();

  @Message
  String unitLabel();

  @Message
  String district();

  @Message
  String show();

  @Message
  String csv();

  @Message
  String printHint();

  @Message
  String unitLine(String name);

  @Message
  String districtLine();

  @Message
  String provisional(java.time.LocalDate asOf);

  @Message
  String period(String from, String to);

  @Message
  String asOf(java.time.LocalDate asOf);

  @Message
  String generated(String at);

  @Message
  String errorFuture(int year);

  @Message
  String errorBeforeArchive(int year, int first);

  @Message
  String secCases();

  @Message
  String secActions();

  @Message
  String secRecords();

  @Message
  String secCompliance();

  @Message
  String secGrades();

  @Message
  String secDisclosure();

  @Message
  String secCertificates();

  @Message
  String secVersions();

  @Message
  String tabByType();

  @Message
  String tabByOutcome();

  @Message
  String tabDecided();

  @Message
  String tabActions();

  @Message
  String tabRecords();

  @Message
  String tabByKind();

  @Message
  String tabGrades();

  @Message
  String tabDisclosure();

  @Message
  String colItem();

  @Message
  String colCount();

  @Message
  String colTotal();

  @Message
  String colBytes();

  @Message
  String colHours();

  @Message
  String colDurationUnknown();

  @Message
  String recordings();

  @Message
  String documents();

  @Message
  String colRule();

  @Message
  String colSeverity();

  @Message
  String colFound();

  @Message
  String colAcknowledged();

  @Message
  String colOpen();

  @Message
  String colUnit();

  @Message
  String colVersion();

  @Message
  String none();

  @Message
  String ruleName(String code);

  @Message
  String severity(String severity);

  @Message
  String timeliness(String status);

  @Message
  String certState(String state);

  @Message
  String versionCompliance();

  @Message
  String versionDisclosure();

  @Message
  String versionCalendar(int year);

  @Message
  String revision(int revision);

  @Message
  String notes();

  @Message
  String rule(String key);
}
