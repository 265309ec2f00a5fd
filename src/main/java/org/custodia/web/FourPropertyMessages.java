package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the four-property check report page and the dossier page's section ({@code
 * {fourprop:…}}; messages/fourprop_*.properties).
 */
@MessageBundle(value = "fourprop", locale = "zh-CN")
public interface FourPropertyMessages {
  @Message
  String reportTitle(String caseNo);

  @Message
  String crumbs();

  @Message
  String reportLead();

  @Message
  String print();

  @Message
  String factsTitle();

  @Message
  String colCase();

  @Message
  String colCheck();

  @Message
  String colTrigger();

  @Message
  String colRequested();

  @Message
  String colState();

  @Message
  String colRecords();

  @Message
  String colWorm();

  @Message
  String colResult();

  @Message
  String notDone();

  @Message
  String summaryTitle();

  @Message
  String colProperty();

  @Message
  String colItems();

  @Message
  String counts(int total, long failed, long warned);

  @Message
  String basis(String property);

  @Message
  String colItem();

  @Message
  String colRecord();

  @Message
  String colDetail();

  @Message
  String wholeCase();

  @Message
  String sectionTitle();

  @Message
  String start();

  @Message
  String sectionLead();

  @Message
  String started();

  @Message
  String none();

  @Message
  String trigger(String trigger);

  @Message
  String state(String state);

  @Message
  String result(String result);

  @Message
  String property(String property);

  @Message
  String worm(String worm);

  @Message
  String progress(int done, int total);

  @Message
  String item(String code);
}
