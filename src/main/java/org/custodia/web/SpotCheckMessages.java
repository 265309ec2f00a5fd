package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the spot-check pages ({@code {spot:…}}; messages/spot_*.properties). */
@MessageBundle(value = "spot", locale = "zh-CN")
public interface SpotCheckMessages {
  @Message
  String listTitle();

  @Message
  String listIntro();

  @Message
  String listIntroReviewer();

  @Message
  String newButton();

  @Message
  String noSpotChecks();

  @Message
  String colCreated();

  @Message
  String colUnit();

  @Message
  String colPeriod();

  @Message
  String colSeed();

  @Message
  String colDrawn();

  @Message
  String colAssigned();

  @Message
  String colProgress();

  @Message
  String older();

  @Message
  String myAssignments();

  @Message
  String caseType(String type);

  @Message
  String noAssignments();

  @Message
  String colCaseNo();

  @Message
  String colType();

  @Message
  String colAssignedAt();

  @Message
  String colState();

  @Message
  String grade(String grade);

  @Message
  String toReview();

  @Message
  String openDossier();

  @Message
  String reviewForm();

  @Message
  String reviewedCount(int count);

  @Message
  String progressLabel();

  @Message
  String progressText(int done, int total);

  @Message
  String newTitle();

  @Message
  String crumbsLabel();

  @Message
  String newIntro();

  @Message
  String errorUnit();

  @Message
  String errorFrom();

  @Message
  String errorTo();

  @Message
  String errorSize();

  @Message
  String errorSeed();

  @Message
  String errorCaseType();

  @Message
  String errorGeneric();

  @Message
  String fieldUnit();

  @Message
  String chooseUnit();

  @Message
  String fieldFrom();

  @Message
  String fieldTo();

  @Message
  String periodHint();

  @Message
  String fieldSize();

  @Message
  String fieldType();

  @Message
  String allTypes();

  @Message
  String fieldSeed();

  @Message
  String seedPlaceholder();

  @Message
  String seedHint();

  @Message
  String drawButton();

  @Message
  String cancel();

  @Message
  String howTitle();

  @Message
  String how1();

  @Message
  String how2();

  @Message
  String how3();

  @Message
  String detailTitle(String unit);

  @Message
  String detailLead(String period, String by, String at);

  @Message
  String downloadCsv();

  @Message
  String seedLabel();

  @Message
  String copy();

  @Message
  String copied();

  @Message
  String redraw();

  @Message
  String seedExplain();

  @Message
  String drawnOf(int drawn, int candidates, int size);

  @Message
  String allDrawn();

  @Message
  String errorNotEligible();

  @Message
  String errorChooseReviewers();

  @Message
  String errorAssignment();

  @Message
  String progressTitle();

  @Message
  String assignedText(int assigned, int drawn);

  @Message
  String distributionTitle();

  @Message
  String roundRobinTitle();

  @Message
  String roundRobinConfirm();

  @Message
  String noReviewers();

  @Message
  String supervisorMark();

  @Message
  String roundRobinHint();

  @Message
  String roundRobinButton();

  @Message
  String nothingDrawn();

  @Message
  String colPosition();

  @Message
  String colAssignee();

  @Message
  String colResult();

  @Message
  String colDrawKey();

  @Message
  String assigneeFor(String caseNo);

  @Message
  String unassigned();

  @Message
  String notReviewed();

  @Message
  String allUnits();

  @Message
  String filter();

  @Message
  String autoRefresh();
}
