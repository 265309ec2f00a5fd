package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the dossier search ({@code {cases:…}}), and the names of case types, statuses and sort
 * orders the dossier page shares. Texts: {@code messages/cases_zh-CN.properties} (default) and
 * {@code messages/cases_en.properties}.
 */
@MessageBundle(value = "cases", locale = "zh-CN")
public interface CasesMessages {
  @Message
  String title();

  @Message
  String lead();

  @Message
  String q();

  @Message
  String qPlaceholder();

  @Message
  String qShortcut();

  @Message
  String caseNo();

  @Message
  String unit();

  @Message
  String allUnits();

  @Message
  String type();

  @Message
  String status();

  @Message
  String any();

  @Message
  String subject();

  @Message
  String subjectPlaceholder();

  @Message
  String officer();

  @Message
  String officerPlaceholder();

  @Message
  String from();

  @Message
  String to();

  @Message
  String sort();

  @Message
  String submit();

  @Message
  String reset();

  @Message
  String periodHint();

  @Message
  String results(long count);

  @Message
  String pagerLabel();

  @Message
  String previous();

  @Message
  String next();

  @Message
  String noneMatch();

  @Message
  String noneYet();

  @Message
  String caseTitle();

  @Message
  String decisionDate();

  @Message
  String createdAt();

  @Message
  String untitled();

  @Message
  String caseType(String type);

  @Message
  String caseStatus(String status);

  @Message
  String sortName(String sort);
}
