package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the sign-in page ({@code {signin:…}}; messages/signin_*.properties). */
@MessageBundle(value = "signin", locale = "zh-CN")
public interface SignInMessages {
  @Message
  String title();

  @Message
  String intro();

  @Message
  String username();

  @Message
  String password();

  @Message
  String submit();

  @Message
  String wrongCredentials();

  @Message
  String missingFields();

  @Message
  String expiredForm();

  @Message
  String throttled(long seconds);

  @Message
  String notice();
}
