package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the audit log, audit entry and chain-of-custody pages ({@code {audit:…}};
 * messages/audit_*.properties).
 */
@MessageBundle(value = "audit", locale = "zh-CN")
public interface AuditMessages {
  @Message
  String navAudit();

  @Message
  String listTitle();

  @Message
  String listIntro();

  @Message
  String listIntroUnit();

  @Message
  String filterTitle();

  @Message
  String actorId();

  @Message
  String targetType();

  @Message
  String targetId();

  @Message
  String type();

  @Message
  String unitId();

  @Message
  String from();

  @Message
  String to();

  @Message
  String apply();

  @Message
  String clear();

  @Message
  String colIndex();

  @Message
  String colTime();

  @Message
  String colType();

  @Message
  String colActor();

  @Message
  String colTarget();

  @Message
  String colFrom();

  @Message
  String colDetails();

  @Message
  String queued();

  @Message
  String noEvents();

  @Message
  String nextPage();

  @Message
  String firstPage();

  @Message
  String actorKind(String kind);

  @Message
  String entryTitle(long index);

  @Message
  String entryCrumbs();

  @Message
  String entryLead();

  @Message
  String stepsTitle();

  @Message
  String verdictRunning();

  @Message
  String verdictPass();

  @Message
  String verdictFail();

  @Message
  String verdictPending();

  @Message
  String signNow();

  @Message
  String stepEntry();

  @Message
  String stepLeaf();

  @Message
  String stepKey();

  @Message
  String stepSignature();

  @Message
  String stepPath();

  @Message
  String stepRoot();

  @Message
  String resultPass();

  @Message
  String resultFail();

  @Message
  String resultPending();

  @Message
  String resultWaiting();

  @Message
  String prettyTitle();

  @Message
  String rawTitle();

  @Message
  String proofTitle();

  @Message
  String checkpointTitle();

  @Message
  String keyTitle();

  @Message
  String rawBytes(int count);

  @Message
  String noScript();

  @Message
  String custodyTitle(String label);

  @Message
  String custodyEvidence();

  @Message
  String custodyCase();

  @Message
  String custodyLead(String kind);

  @Message
  String custodyEmpty();

  @Message
  String custodyTruncated();

  @Message
  String print();

  @Message
  String openRecord();

  @Message
  String openLog();

  @Message
  String printedAt(String time);

  @Message
  String custodyLink();
}
