package org.custodia.media;

/**
 * The media itself cannot be processed (corrupt, truncated, unsupported): retrying cannot help, so
 * the job ends FAILED with FFmpeg's reason. The original stays archived as it is.
 */
public class MediaUnprocessableException extends RuntimeException {
  public MediaUnprocessableException(String message, Throwable cause) {
    super(message, cause);
  }
}
