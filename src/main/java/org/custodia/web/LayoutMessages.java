package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the shared layout and the home page ({@code {layout:…}} in templates). The texts live in
 * {@code messages/layout_zh-CN.properties} (the default) and {@code messages/layout_en.properties}.
 */
@MessageBundle(value = "layout", locale = "zh-CN")
public interface LayoutMessages {
  @Message
  String product();

  @Message
  String productTagline();

  @Message
  String skipToContent();

  @Message
  String navLabel();

  @Message
  String navHome();

  @Message
  String navCases();

  @Message
  String navSpotChecks();

  @Message
  String navExports();

  @Message
  String navExportsPending(long count);

  @Message
  String signedInAs();

  @Message
  String signOut();

  @Message
  String languageLabel();

  @Message
  String role(String role);

  @Message
  String homeTitle();

  @Message
  String homeIntro();

  @Message
  String homeCasesText();

  @Message
  String homeSpotChecksText();

  @Message
  String footer();
}
