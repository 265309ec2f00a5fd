package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the record page with its player and notes ({@code {player:…}};
 * messages/player_*.properties).
 */
@MessageBundle(value = "player", locale = "zh-CN")
public interface PlayerMessages {
  @Message
  String title();

  @Message
  String crumbCases();

  @Message
  String notLinked();

  @Message
  String kind(String kind);

  @Message
  String playerLabel();

  @Message
  String play();

  @Message
  String pause();

  @Message
  String back5();

  @Message
  String forward5();

  @Message
  String frameBack();

  @Message
  String frameForward();

  @Message
  String speed();

  @Message
  String mute();

  @Message
  String fullscreen();

  @Message
  String scrubLabel();

  @Message
  String mediaTime();

  @Message
  String wallClock();

  @Message
  String zone();

  @Message
  String wallUnknown();

  @Message
  String offsetKnown(long ms);

  @Message
  String offsetUnknown();

  @Message
  String keysTitle();

  @Message
  String keys();

  @Message
  String notReady(String state);

  @Message
  String metaTitle();

  @Message
  String filename();

  @Message
  String recordKind();

  @Message
  String contentType();

  @Message
  String size(String human, long bytes);

  @Message
  String sizeLabel();

  @Message
  String duration();

  @Message
  String frameRate();

  @Message
  String fps(String rate);

  @Message
  String resolution();

  @Message
  String device();

  @Message
  String officer();

  @Message
  String recordedFrom();

  @Message
  String recordedTo();

  @Message
  String wallFrom();

  @Message
  String ingestedAt();

  @Message
  String receipt();

  @Message
  String receiptState(String state);

  @Message
  String caseLink();

  @Message
  String backToCase();

  @Message
  String processing();

  @Message
  String source(String source);

  @Message
  String sourceLabel();

  @Message
  String download();

  @Message
  String notesTitle();

  @Message
  String notesExplain();

  @Message
  String addNote();

  @Message
  String noteAt();

  @Message
  String notePlaceholder();

  @Message
  String saveNote();

  @Message
  String saveHint();

  @Message
  String cancel();

  @Message
  String noNotes();

  @Message
  String noteMeta(String author, String time);

  @Message
  String noteCount(int count);

  @Message
  String superseded();

  @Message
  String supersedes();

  @Message
  String jumpTo(String time);

  @Message
  String noteError(String field, String type);

  @Message
  String saving();

  @Message
  String saveFailed();

  @Message
  String reviewCase();

  @Message
  String supersedeNote();

  @Message
  String correctingAt();
}
