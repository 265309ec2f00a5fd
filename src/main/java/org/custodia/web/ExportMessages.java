package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the export pages and the dossier page's export section ({@code {exports:…}};
 * messages/exports_*.properties).
 */
@MessageBundle(value = "exports", locale = "zh-CN")
public interface ExportMessages {
  @Message
  String state(String state);

  @Message
  String progressLabel();

  @Message
  String progressText(String done, String total, int filesDone, int filesTotal);

  @Message
  String reason();

  @Message
  String errorReasonRequired();

  @Message
  String errorReasonTooLong();

  @Message
  String errorSelfApproval();

  @Message
  String errorDecided();

  @Message
  String errorGeneric();

  @Message
  String approve();

  @Message
  String refuse();

  @Message
  String sectionTitle();

  @Message
  String allExports();

  @Message
  String requestedNote();

  @Message
  String openExport();

  @Message
  String noneForCase();

  @Message
  String colState();

  @Message
  String colRequested();

  @Message
  String colPurpose();

  @Message
  String colDecision();

  @Message
  String colPackage();

  @Message
  String recipientShort(String recipient);

  @Message
  String withDerived();

  @Message
  String refusedBy(String name);

  @Message
  String approvedBy(String name);

  @Message
  String awaitingDecision();

  @Message
  String expiresOn(String day);

  @Message
  String expiredOn(String day);

  @Message
  String failedShort();

  @Message
  String requestTitle();

  @Message
  String errorTooManyRecords();

  @Message
  String purpose();

  @Message
  String purposePlaceholder();

  @Message
  String recipient();

  @Message
  String recipientPlaceholder();

  @Message
  String includeDerived();

  @Message
  String reportLanguage();

  @Message
  String requestHint();

  @Message
  String requestButton();

  @Message
  String detailTitle(String caseNo);

  @Message
  String crumbs();

  @Message
  String listTitle();

  @Message
  String detailLead(String requester, String at);

  @Message
  String openCase();

  @Message
  String factsTitle();

  @Message
  String colCase();

  @Message
  String records();

  @Message
  String recordsCount(int count);

  @Message
  String requestedBy();

  @Message
  String reasonSaid(String reason);

  @Message
  String noApprovalNeeded();

  @Message
  String decideTitle();

  @Message
  String ownRequest();

  @Message
  String awaitingSupervisor();

  @Message
  String statusTitle();

  @Message
  String statusPending();

  @Message
  String statusBuilding();

  @Message
  String autoRefresh();

  @Message
  String statusRefused();

  @Message
  String statusFailed();

  @Message
  String failedRecord();

  @Message
  String statusExpired(String at);

  @Message
  String statusReady(String builtAt, String expiresAt);

  @Message
  String packageFile();

  @Message
  String packageSize();

  @Message
  String byteCount(Long size);

  @Message
  String copied();

  @Message
  String copy();

  @Message
  String download();

  @Message
  String noDownloadRole();

  @Message
  String verifyTitle();

  @Message
  String verifyIntro();

  @Message
  String verifyStep1();

  @Message
  String verifyStep2();

  @Message
  String verifyStep3();

  @Message
  String listIntroDeciding();

  @Message
  String listIntro();

  @Message
  String queueTitle();

  @Message
  String queueEmpty();

  @Message
  String colDecide();

  @Message
  String recentTitle();

  @Message
  String filterLabel();

  @Message
  String allStates();

  @Message
  String recentEmpty();
}
