package org.custodia.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Java's HttpURLConnection (under the tus Java client) reads the interim {@code 100 Continue}
 * through a buffer it then throws away: a final answer that arrives right behind the 100 is lost
 * with it, and the client waits for an answer forever. The service therefore answers a request that
 * expects 100-continue only once its body has begun to arrive (the client is past the 100),
 * whatever the answer. These requests are sent byte by byte the way that client sends them: POST
 * with {@code X-HTTP-Method-Override}, a chunked body, {@code Expect: 100-continue}.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExpectContinueTest {
  private UnitFixture f;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
  }

  @Test
  void the_answer_to_the_clients_closing_empty_patch_waits_for_its_body() throws Exception {
    long size = 64 * 1024;
    URL upload = completedUpload(41, size);
    // the tus client's last request: an empty PATCH at the end of a completed upload
    String head = patchHead(UnitFixture.path(upload), size, f.stationToken);
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      assertThat(answerAfterBody(socket, head, new byte[0]))
          .startsWith("HTTP/1.1 204")
          .contains("Upload-Offset: " + size)
          .contains("Custodia-Evidence-Id: ");
    }
  }

  @Test
  void a_refusal_before_the_body_is_read_waits_for_the_body() throws Exception {
    long size = 64 * 1024;
    URL upload =
        UnitFixture.client(f.stationToken)
            .createUpload(uploadOf(size, f.metadata(UnitFixture.sha256(42, size))))
            .getUploadURL();
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      String wrongOffset = patchHead(UnitFixture.path(upload), 1024, f.stationToken);
      assertThat(answerAfterBody(socket, wrongOffset, new byte[8 * 1024]))
          .startsWith("HTTP/1.1 409");
      // the body was read before the answer, so the connection carries the next request
      String expiredToken = patchHead(UnitFixture.path(upload), 0, "not-a-token");
      assertThat(answerAfterBody(socket, expiredToken, new byte[8 * 1024]))
          .startsWith("HTTP/1.1 401");
    }
  }

  @Test
  void a_client_that_never_sends_the_body_it_announced_still_gets_an_answer() throws Exception {
    long size = 64 * 1024;
    URL upload = completedUpload(43, size);
    // curl sends an empty chunked body this way: no last chunk ever comes
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(60_000);
      socket
          .getOutputStream()
          .write(
              patchHead(UnitFixture.path(upload), size, f.stationToken)
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 100");
      assertThat(readHead(in)).startsWith("HTTP/1.1 204");
    }
  }

  /** An upload the tus client has completed, in one PATCH. */
  private URL completedUpload(long seed, long size) throws Exception {
    return UnitFixture.upload(
        UnitFixture.client(f.stationToken),
        seed,
        size,
        f.metadata(UnitFixture.sha256(seed, size)),
        (int) size);
  }

  private static io.tus.java.client.TusUpload uploadOf(
      long size, java.util.Map<String, String> metadata) {
    io.tus.java.client.TusUpload upload = new io.tus.java.client.TusUpload();
    upload.setSize(size);
    upload.setInputStream(new java.io.ByteArrayInputStream(new byte[0]));
    upload.setMetadata(metadata);
    upload.setFingerprint(java.util.UUID.randomUUID().toString());
    return upload;
  }

  private static String patchHead(String path, long offset, String token) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + token
        + "\r\nTus-Resumable: 1.0.0\r\nX-HTTP-Method-Override: PATCH\r\nUpload-Offset: "
        + offset
        + "\r\nContent-Type: application/offset+octet-stream\r\nExpect: 100-continue\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
  }

  /**
   * Sends the head, takes the 100 Continue, checks that no final answer comes while the body is
   * still owed, sends the body as one chunk and the last chunk, and returns the final answer's
   * head.
   */
  private static String answerAfterBody(Socket socket, String head, byte[] body) throws Exception {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    socket.setSoTimeout(20_000);
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    assertThat(readHead(in)).startsWith("HTTP/1.1 100");
    // the service has all it needs to answer; the answer must still wait for the body
    socket.setSoTimeout(1_000);
    assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    socket.setSoTimeout(20_000);
    if (body.length > 0) {
      out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String answer = readHead(in);
    var length = java.util.regex.Pattern.compile("(?im)^content-length: *(\\d+)").matcher(answer);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return answer;
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed after: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }
}
