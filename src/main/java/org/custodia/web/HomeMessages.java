package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the home page ({@code {home:…}}; messages/home_*.properties). */
@MessageBundle(value = "home", locale = "zh-CN")
public interface HomeMessages {
  @Message
  String greeting(String name);

  @Message
  String searchLabel();

  @Message
  String searchPlaceholder();

  @Message
  String searchButton();

  @Message
  String myAssignments();

  @Message
  String spotChecks();

  @Message
  String allSpotChecks();

  @Message
  String newSpotCheck();

  @Message
  String noSpotChecks();

  @Message
  String recentCases();

  @Message
  String allCases();

  @Message
  String noCases();

  @Message
  String colTitle();

  @Message
  String colStatus();

  @Message
  String colDecided();

  @Message
  String status(String status);

  @Message
  String distribution(int year);

  @Message
  String noReviews();

  @Message
  String shortcutHint();
}
