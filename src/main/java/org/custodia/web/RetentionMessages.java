package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the retention, legal hold, disposal and fixity pages and panels ({@code {retention:…}};
 * messages/retention_*.properties).
 */
@MessageBundle(value = "retention", locale = "zh-CN")
public interface RetentionMessages {
  @Message
  String nav();

  @Message
  String subNavLabel();

  @Message
  String panelTitle();

  @Message
  String classLabel();

  @Message
  String className(String c);

  @Message
  String setByHand();

  @Message
  String ruleClass();

  @Message
  String basisLabel();

  @Message
  String earliestLabel();

  @Message
  String never();

  @Message
  String unknownYet();

  @Message
  String whyLabel();

  @Message
  String whyDisposed();

  @Message
  String whyPermanent();

  @Message
  String whyNoCase();

  @Message
  String whyOpenCase();

  @Message
  String whyLongestCase();

  @Message
  String whyFloor();

  @Message
  String whyNonEvidence();

  @Message
  String manualReason(String reason);

  @Message
  String storeLabel();

  @Message
  String storeAbsent();

  @Message
  String storeUntil(String day);

  @Message
  String storeNone();

  @Message
  String enforcedByStore();

  @Message
  String enforcedByService();

  @Message
  String storeHeld();

  @Message
  String storeKeepsLonger(String day);

  @Message
  String fixityLabel();

  @Message
  String fixityFailed();

  @Message
  String fixityOk();

  @Message
  String fixityUnchecked();

  @Message
  String fixityReport();

  @Message
  String fixityAlertTitle();

  @Message
  String fixityAlertText();

  @Message
  String tombstone(String at);

  @Message
  String casesTitle();

  @Message
  String colCase();

  @Message
  String colStatus();

  @Message
  String colCaseEnds();

  @Message
  String caseOpen();

  @Message
  String longestWins();

  @Message
  String holdsTitle();

  @Message
  String heldNote(int n);

  @Message
  String notHeld();

  @Message
  String changeTitle();

  @Message
  String changeHint();

  @Message
  String newClass();

  @Message
  String automatic();

  @Message
  String reason();

  @Message
  String changeSubmit();

  @Message
  String errorDowngradeReason();

  @Message
  String errorReasonTooLong();

  @Message
  String errorGeneric();

  @Message
  String colState();

  @Message
  String colTarget();

  @Message
  String colPlaced();

  @Message
  String colReason();

  @Message
  String colUntil();

  @Message
  String colLift();

  @Message
  String holdActive();

  @Message
  String holdLifted();

  @Message
  String holdExpired();

  @Message
  String holdLiftedOrExpired();

  @Message
  String scopeName(String s);

  @Message
  String openEnded();

  @Message
  String liftedBy(String who, String at);

  @Message
  String liftReason();

  @Message
  String lift();

  @Message
  String ownHold();

  @Message
  String errorLiftReason();

  @Message
  String errorSelfLift();

  @Message
  String errorLifted();

  @Message
  String placeTitle();

  @Message
  String scopeLabel();

  @Message
  String targetLabel();

  @Message
  String holdReason();

  @Message
  String untilLabel();

  @Message
  String untilHint();

  @Message
  String place();

  @Message
  String errorHoldReason();

  @Message
  String errorUntil();

  @Message
  String errorTarget();

  @Message
  String holdsPageTitle();

  @Message
  String holdsPageLead();

  @Message
  String holdsListTitle();

  @Message
  String filterState();

  @Message
  String filterUnit();

  @Message
  String allStates();

  @Message
  String allUnits();

  @Message
  String filter();

  @Message
  String noHolds();

  @Message
  String noHoldsHere();

  @Message
  String placeAnyTitle();

  @Message
  String placeAnyHint();

  @Message
  String casePanelTitle();

  @Message
  String casePeriod();

  @Message
  String years(int n);

  @Message
  String casePanelHint();

  @Message
  String caseHoldsTitle();

  @Message
  String subjectHoldsTitle();

  @Message
  String subjectHoldsHint();

  @Message
  String disposedShort();

  @Message
  String heldShort();

  @Message
  String disposalsPageTitle();

  @Message
  String disposalsPageLead();

  @Message
  String candidatesTitle();

  @Message
  String candidatesHint();

  @Message
  String noCandidates();

  @Message
  String colRecord();

  @Message
  String colEnded();

  @Message
  String proposeTitle();

  @Message
  String proposeHint();

  @Message
  String proposeReason();

  @Message
  String propose();

  @Message
  String errorProposeReason();

  @Message
  String disposalsListTitle();

  @Message
  String noDisposals();

  @Message
  String colUnit();

  @Message
  String colRequested();

  @Message
  String colApproved();

  @Message
  String awaitingApproval();

  @Message
  String disposalState(String s);

  @Message
  String disposalTitle();

  @Message
  String disposalLead(String who, String at);

  @Message
  String crumbs();

  @Message
  String factsTitle();

  @Message
  String colItems();

  @Message
  String approveTitle();

  @Message
  String approveHint();

  @Message
  String approvalReason();

  @Message
  String approve();

  @Message
  String ownDisposal();

  @Message
  String awaitingSupervisor();

  @Message
  String errorApprovalReason();

  @Message
  String errorSelfApproval();

  @Message
  String errorDecided();

  @Message
  String statusTitle();

  @Message
  String statusPending();

  @Message
  String statusRunning();

  @Message
  String statusDone(String at);

  @Message
  String progressLabel();

  @Message
  String counts(long deleted, long skipped, long pending);

  @Message
  String itemsTitle();

  @Message
  String itemsHint();

  @Message
  String noItems();

  @Message
  String colSize();

  @Message
  String auditTrail();

  @Message
  String itemState(String s);

  @Message
  String fixityPageTitle();

  @Message
  String fixityPageLead();

  @Message
  String startTitle();

  @Message
  String startHintAdmin();

  @Message
  String startHintAuditor();

  @Message
  String colScope();

  @Message
  String runScope(String s);

  @Message
  String runTarget();

  @Message
  String runTargetHint();

  @Message
  String startRun();

  @Message
  String errorRunTarget();

  @Message
  String errorScopeAll();

  @Message
  String runsTitle();

  @Message
  String noRuns();

  @Message
  String colProgress();

  @Message
  String colProblems();

  @Message
  String scheduled();

  @Message
  String runState(String s);

  @Message
  String objectsProgress(long done, long total);

  @Message
  String problemCount(long n);

  @Message
  String runTitle();

  @Message
  String requestedBy(String who, String at);

  @Message
  String scheduledAt(String at);

  @Message
  String noProblems();

  @Message
  String autoRefresh();

  @Message
  String finishedAt(String at);

  @Message
  String reportTitle();

  @Message
  String reportHint(long n);

  @Message
  String colResult();

  @Message
  String colObject();

  @Message
  String colExpected();

  @Message
  String colActual();

  @Message
  String result(String s);

  @Message
  String target(String s);

  @Message
  String moreLines(long n);
}
