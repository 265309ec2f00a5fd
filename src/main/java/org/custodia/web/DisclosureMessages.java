package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.time.LocalDate;

/**
 * Texts of the disclosure deadlines page ({@code {disclosure:…}};
 * messages/disclosure_*.properties).
 */
@MessageBundle(value = "disclosure", locale = "zh-CN")
public interface DisclosureMessages {
  @Message
  String nav();

  @Message
  String title();

  @Message
  String lead(LocalDate today);

  @Message
  String unit();

  @Message
  String chooseUnit();

  @Message
  String show();

  @Message
  String overdueTitle();

  @Message
  String dueSoonTitle();

  @Message
  String none();

  @Message
  String colCase();

  @Message
  String colKind();

  @Message
  String colDecision();

  @Message
  String colAction();

  @Message
  String colDue();

  @Message
  String colRecord();

  @Message
  String kind(String kind);

  @Message
  String action(String action);

  @Message
  String daysLeft(int left);

  @Message
  String doneOn(String action);

  @Message
  String record();

  @Message
  String errorDateRequired();

  @Message
  String errorDateRefused();
}
