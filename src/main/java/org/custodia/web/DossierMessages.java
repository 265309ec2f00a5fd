package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the dossier page ({@code {dossier:…}}). Texts: {@code messages/dossier_zh-CN.properties}
 * (default) and {@code messages/dossier_en.properties}.
 */
@MessageBundle(value = "dossier", locale = "zh-CN")
public interface DossierMessages {
  @Message
  String title();

  @Message
  String crumbs();

  @Message
  String reviewThis();

  @Message
  String facts();

  @Message
  String updatedAt();

  @Message
  String notes();

  @Message
  String subjects();

  @Message
  String name();

  @Message
  String kind();

  @Message
  String identifier();

  @Message
  String identifierMasked();

  @Message
  String subjectKind(String kind);

  @Message
  String officers();

  @Message
  String certificateNo();

  @Message
  String certificate();

  @Message
  String validity();

  @Message
  String auxiliary();

  @Message
  String certificateState(String state);

  @Message
  String noCertificate();

  @Message
  String expired();

  @Message
  String actions();

  @Message
  String noActions();

  @Message
  String actionType();

  @Message
  String window();

  @Message
  String length();

  @Message
  String responsible();

  @Message
  String coverage();

  @Message
  String actionName(String type);

  @Message
  String covered(String covered, String window);

  @Message
  String gapCount(int count);

  @Message
  String overlapCount(int count);

  @Message
  String timeline();

  @Message
  String timelineEmpty();

  @Message
  String legend();

  @Message
  String legendWindow();

  @Message
  String legendVideo();

  @Message
  String legendAudio();

  @Message
  String legendDocument();

  @Message
  String legendGap();

  @Message
  String legendOverlap();

  @Message
  String wallClock();

  @Message
  String gapAt(String from, String to, String length);

  @Message
  String overlapAt(String from, String to, String length);

  @Message
  String kindShort(String kind);

  @Message
  String timelineNote(String tolerance);

  @Message
  String findings();

  @Message
  String gap();

  @Message
  String overlap();

  @Message
  String noFindings();

  @Message
  String undated(int count);

  @Message
  String records();

  @Message
  String noRecords();

  @Message
  String check(String name);

  @Message
  String checkPass();

  @Message
  String checkFail();

  @Message
  String checkPending();

  @Message
  String resultPass();

  @Message
  String resultFail();

  @Message
  String resultPending();

  @Message
  String verifying();

  @Message
  String verifyError();

  @Message
  String copied();

  @Message
  String kindName(String kind);

  @Message
  String record();

  @Message
  String recordedAt();

  @Message
  String receipt();

  @Message
  String verify();

  @Message
  String copy();

  @Message
  String receiptState(String state);

  @Message
  String timestamped();

  @Message
  String viewInline();

  @Message
  String reviews();

  @Message
  String noReviews();

  @Message
  String grade();

  @Message
  String reviewer();

  @Message
  String reviewedAt();

  @Message
  String reviewState();

  @Message
  String gradeName(String grade);

  @Message
  String reviewStateName(String state);

  @Message
  String correction();

  @Message
  String corrected();
}
