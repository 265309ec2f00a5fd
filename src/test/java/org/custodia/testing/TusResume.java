package org.custodia.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.time.Duration;
import java.time.Instant;

/** Resuming an upload after the service died: what a station does, for the restart tests. */
public final class TusResume {
  private TusResume() {}

  /** The upload's state as HEAD shows it. */
  public static ExtractableResponse<Response> head(String token, String location) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0")
        .head(location)
        .then()
        .statusCode(200)
        .extract();
  }

  /** The offset the service acknowledged. */
  public static long offset(String token, String location) {
    return Long.parseLong(head(token, location).header("Upload-Offset"));
  }

  /**
   * Waits until the dead service's hold on the upload lapses (409 with Retry-After meanwhile): an
   * empty PATCH at the acknowledged offset is then accepted.
   */
  public static void awaitFree(String token, String location, long offset) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      var probe =
          given()
              .header("Authorization", "Bearer " + token)
              .header("Tus-Resumable", "1.0.0")
              .header("Upload-Offset", offset)
              .contentType("application/offset+octet-stream")
              .body(new byte[0])
              .patch(location)
              .then()
              .extract();
      if (probe.statusCode() == 204) {
        return;
      }
      assertThat(probe.statusCode()).isEqualTo(409);
      assertThat(probe.header("Retry-After")).isNotNull();
      Thread.sleep(1_000);
    }
    throw new AssertionError("the upload stayed busy");
  }

  /** Sends the rest from the acknowledged offset with the tus client, as a station resumes. */
  public static void rest(
      TusClient client, TusUpload upload, long acknowledged, int chunk, int payload)
      throws Exception {
    TusUploader resumed = client.resumeUpload(upload);
    resumed.setChunkSize(chunk);
    resumed.setRequestPayloadSize(payload);
    assertThat(resumed.getOffset()).isEqualTo(acknowledged);
    while (resumed.uploadChunk() > -1) {
      // the rest of the file
    }
    resumed.finish();
  }

  /**
   * Starts {@code upload} with the tus client and kills {@code app} (SIGKILL, the JVM alone) once
   * the server holds about half of it; returns the upload's path.
   */
  public static String killHalfway(
      TusClient client, TusUpload upload, int chunk, int payload, Process app) throws Exception {
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(chunk);
    uploader.setRequestPayloadSize(payload);
    String location = uploader.getUploadURL().getPath();
    boolean killed = false;
    try {
      while (uploader.uploadChunk() > -1) {
        if (uploader.getOffset() > upload.getSize() / 2 && !killed) {
          app.destroyForcibly().waitFor();
          killed = true;
        }
      }
    } catch (Exception expected) {
      // the connection died with the service
    }
    assertThat(killed).as("the service was killed mid-upload").isTrue();
    return location;
  }
}
