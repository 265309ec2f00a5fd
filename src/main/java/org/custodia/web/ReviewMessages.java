package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the review form (案卷评查) ({@code {review:…}}; messages/review_*.properties). */
@MessageBundle(value = "review", locale = "zh-CN")
public interface ReviewMessages {
  @Message
  String title();

  @Message
  String crumbCases();

  @Message
  String crumbReview();

  @Message
  String caseType(String type);

  @Message
  String records(int count);

  @Message
  String backToCase();

  @Message
  String intro();

  @Message
  String formTitle();

  @Message
  String correctionTitle();

  @Message
  String correctionOf(java.util.UUID id);

  @Message
  String criteriaVersion(String version);

  @Message
  String grade();

  @Message
  String gradeName(String grade);

  @Message
  String comment();

  @Message
  String commentPlaceholder();

  @Message
  String references(int count);

  @Message
  String recordsLabel();

  @Message
  String notesLabel();

  @Message
  String noRecords();

  @Message
  String noNotes();

  @Message
  String open();

  @Message
  String finding();

  @Message
  String findingPlaceholder();

  @Message
  String saveDraft();

  @Message
  String submit();

  @Message
  String savedAt(String time);

  @Message
  String unsaved();

  @Message
  String confirmTitle();

  @Message
  String confirmText();

  @Message
  String confirmSubmit();

  @Message
  String cancel();

  @Message
  String error(String code);

  @Message
  String errorSummary();

  @Message
  String submittedTitle();

  @Message
  String submittedBy(String reviewer, String time);

  @Message
  String readOnly();

  @Message
  String correctedBy();

  @Message
  String correctedByLink();

  @Message
  String corrects();

  @Message
  String correctsLink();

  @Message
  String correct();

  @Message
  String newReview();

  @Message
  String noReviews();

  @Message
  String noEntries();

  @Message
  String referencesShort();

  @Message
  String draftNote();

  @Message
  String submittedNotice();
}
