package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the case-work pages ({@code {casework:…}}): new case, actions and documents. Texts:
 * {@code messages/casework_zh-CN.properties} (default) and {@code messages/casework_en.properties}.
 */
@MessageBundle(value = "casework", locale = "zh-CN")
public interface CaseWorkMessages {
  @Message
  String newTitle();

  @Message
  String newLead();

  @Message
  String unit();

  @Message
  String changeUnit();

  @Message
  String caseNo();

  @Message
  String caseType();

  @Message
  String caseTitle();

  @Message
  String caseNotes();

  @Message
  String subjects();

  @Message
  String noSubjects();

  @Message
  String officers();

  @Message
  String noOfficers();

  @Message
  String auxiliary();

  @Message
  String actions();

  @Message
  String actionType();

  @Message
  String actionFrom();

  @Message
  String actionTo();

  @Message
  String actionOfficers();

  @Message
  String addAction();

  @Message
  String removeAction();

  @Message
  String timeZoneHint();

  @Message
  String save();

  @Message
  String saving();

  @Message
  String refused();

  @Message
  String fieldLabel(String field);

  @Message
  String documentsTitle(String caseNo);

  @Message
  String documentsLead();

  @Message
  String backToDossier();

  @Message
  String addActionTitle();

  @Message
  String actionSaved();

  @Message
  String uploadTitle();

  @Message
  String file();

  @Message
  String docTitle();

  @Message
  String docTime();

  @Message
  String upload();

  @Message
  String hashing();

  @Message
  String resuming(String offset);

  @Message
  String uploading(String done, String total);

  @Message
  String uploadDone();

  @Message
  String uploadFailed();

  @Message
  String serverSha256();

  @Message
  String browserSha256();

  @Message
  String openRecord();

  @Message
  String tooLargeToHash();

  @Message
  String progressLabel();

  @Message
  String docOfficer();

  @Message
  String unfinished();
}
