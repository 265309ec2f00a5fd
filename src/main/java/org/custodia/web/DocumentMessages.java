package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the inline document viewer ({@code templates/parts/document.html}). */
@MessageBundle(value = "document", locale = "zh-CN")
public interface DocumentMessages {
  @Message
  String notInline();

  @Message
  String openNew();

  @Message
  String download();
}
