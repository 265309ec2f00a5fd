package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the error page ({@code {errors:…}}; messages/errors_*.properties). */
@MessageBundle(value = "errors", locale = "zh-CN")
public interface ErrorMessages {
  @Message
  String title(int status);

  @Message
  String explanation(int status);

  @Message
  String code(int status);

  @Message
  String backHome();

  @Message
  String requestId(String id);
}
