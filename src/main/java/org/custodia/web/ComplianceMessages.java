package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of recording compliance: the dossier page's panel and the supervisors' list {@code
 * /compliance} ({@code {compliance:…}}; messages/compliance_*.properties).
 */
@MessageBundle(value = "compliance", locale = "zh-CN")
public interface ComplianceMessages {
  @Message
  String nav();

  @Message
  String title();

  @Message
  String lead();

  @Message
  String panelTitle();

  @Message
  String panelLead();

  @Message
  String status(String status);

  @Message
  String counts(int violations, int warnings);

  @Message
  String evaluated(String version, String at);

  @Message
  String openTitle(int count);

  @Message
  String noOpen();

  @Message
  String historyTitle(int count);

  @Message
  String historyHint();

  @Message
  String ruleName(String code);

  @Message
  String severity(String severity);

  @Message
  String version(int version);

  @Message
  String clause();

  @Message
  String action();

  @Message
  String noAction();

  @Message
  String records();

  @Message
  String noRecords();

  @Message
  String span();

  @Message
  String duration();

  @Message
  String detail();

  /** A finding's detail from its code and values ({@code compliance.Finding.Detail}). */
  @Message
  String detailText(String code, java.util.List<String> args);

  @Message
  String firstSeen();

  @Message
  String resolvedAt();

  @Message
  String acknowledgements();

  @Message
  String ackBy();

  @Message
  String ackAt();

  @Message
  String explanation();

  @Message
  String explanationHint();

  @Message
  String acknowledge();

  @Message
  String errorRequired();

  @Message
  String errorTooLong();

  @Message
  String errorText();

  @Message
  String unit();

  @Message
  String allUnits();

  @Message
  String statusFilter();

  @Message
  String statusAll();

  @Message
  String from();

  @Message
  String to();

  @Message
  String show();

  @Message
  String colCase();

  @Message
  String colStatus();

  @Message
  String colViolations();

  @Message
  String colWarnings();

  @Message
  String colPeriod();

  @Message
  String colEvaluated();

  @Message
  String none();

  @Message
  String nextPage();

  @Message
  String errorPeriod();

  @Message
  String errorDate();
}
