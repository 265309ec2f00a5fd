package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the inbox and the subject page ({@code {inbox:…}}). Texts: {@code
 * messages/inbox_zh-CN.properties} (default) and {@code messages/inbox_en.properties}.
 */
@MessageBundle(value = "inbox", locale = "zh-CN")
public interface InboxMessages {
  @Message
  String title();

  @Message
  String lead();

  @Message
  String showUnlinked();

  @Message
  String showMine();

  @Message
  String showUnit();

  @Message
  String emptyMine();

  @Message
  String notLinkedNote();

  @Message
  String showAll();

  @Message
  String showLabel();

  @Message
  String select();

  @Message
  String selectAll();

  @Message
  String name();

  @Message
  String kind();

  @Message
  String recorded();

  @Message
  String ingested();

  @Message
  String size();

  @Message
  String linkedTo();

  @Message
  String notLinked();

  @Message
  String empty();

  @Message
  String emptyAll();

  @Message
  String more();

  @Message
  String linkTitle();

  @Message
  String caseField();

  @Message
  String chooseCase();

  @Message
  String subjectField();

  @Message
  String anySubject();

  @Message
  String reasonField();

  @Message
  String linkButton();

  @Message
  String selectedCount(String count);

  @Message
  String resultTitle();

  @Message
  String resultSummary(int ok, int failed);

  @Message
  String state(String state);

  @Message
  String problem(String type);

  @Message
  String error(String field);

  @Message
  String openDossier(String caseNo);

  @Message
  String subjectTitle();

  @Message
  String subjectLead();

  @Message
  String identifier();

  @Message
  String identifierMasked();

  @Message
  String subjectKind(String kind);

  @Message
  String registered();

  @Message
  String cases(int count);

  @Message
  String records(int count);

  @Message
  String noCases();

  @Message
  String noRecords();

  @Message
  String caseNo();

  @Message
  String caseTitle();

  @Message
  String caseType();

  @Message
  String caseStatus();

  @Message
  String caseOf();

  @Message
  String moreRecords();

  @Message
  String navInbox();

  @Message
  String navNewCase();

  @Message
  String addDocuments();

  @Message
  String openRecord();
}
