package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.custodia.testing.EmbeddedServicesResource;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their requests slowly hold connections, never the service. Raw sockets send
 * what slow or hostile clients send. All of 127/8 is loopback (Linux), so each test's slow clients
 * come from addresses of their own (127.0.0.2 and up), and the well-behaved client from 127.0.0.1:
 * limits per client address tell them apart. The %test profile shortens the timeouts (body 20 s,
 * idle 15 s).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SlowClientTest {
  private static final String BODY =
      String.format("%-60s", "{\"username\":\"nobody\",\"password\":\"trickled-slowly\"}");

  /** How long an answer may take while slow clients press: a liveness bound, not a latency. */
  private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(15);

  /** How soon a stalled upload must be closed: well past the %test idle timeout (15 s). */
  private static final Duration STALL_CLOSED_WITHIN = Duration.ofSeconds(45);

  @ConfigProperty(name = "custodia.http.max-pending-bodies-per-address")
  int maxPendingPerAddress;

  @ConfigProperty(name = "custodia.http.body-timeout")
  Duration bodyTimeout;

  @ConfigProperty(name = "quarkus.http.idle-timeout")
  Duration idleTimeout;

  @Test
  void a_flood_of_trickled_login_bodies_leaves_health_and_logins_answering() throws Exception {
    // 250 connections, 25 from each of 10 addresses: within the per-address limit, so the service
    // has to hold every one of them
    int addresses = 10;
    int perAddress = 25;
    assertThat(perAddress).isLessThanOrEqualTo(maxPendingPerAddress);
    List<Socket> flood = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWERED_WITHIN)
            .build();
    try {
      for (int a = 0; a < addresses; a++) {
        for (int i = 0; i < perAddress; i++) {
          Socket socket = connectFrom("127.0.0." + (10 + a));
          socket.getOutputStream().write(loginHead(BODY.length(), null));
          flood.add(socket);
        }
      }
      // one byte every 1.5 s on every connection: never idle, never complete within this test
      int[] sent = {0};
      trickle.scheduleAtFixedRate(
          () -> {
            byte b = (byte) BODY.charAt(sent[0]++ % BODY.length());
            for (Socket socket : flood) {
              try {
                socket.getOutputStream().write(b);
              } catch (IOException closedByTheServer) {
                // shows in the check below
              }
            }
          },
          0,
          1_500,
          TimeUnit.MILLISECONDS);
      // let the flood reach the service before asking anything of it
      Thread.sleep(2_000);

      for (int round = 0; round < 2; round++) {
        assertThat(get(client, "/q/health/live").statusCode()).isEqualTo(200);
        assertThat(get(client, "/q/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> login =
            client.send(
                request("/api/v1/auth/login")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\""
                                + EmbeddedServicesResource.ADMIN_PASSWORD
                                + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("accessToken");
      }
      // all the while the flood was held, not refused or cut: none of it has an answer yet
      for (Socket socket : flood) {
        assertThat(unanswered(socket)).as("a flood connection still waits").isTrue();
      }
    } finally {
      trickle.shutdownNow();
      for (Socket socket : flood) {
        socket.close();
      }
      client.close();
    }
  }

  @Test
  void one_address_may_have_only_so_many_bodies_arriving_at_once() throws Exception {
    int extra = 5;
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < maxPendingPerAddress + extra; i++) {
        Socket socket = connectFrom("127.0.0.3");
        OutputStream out = socket.getOutputStream();
        out.write(loginHead(BODY.length(), null));
        out.write(BODY.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(socket);
      }
      // the refused ones are answered at once; wait (boundedly) until that many answers came
      Instant deadline = Instant.now().plus(ANSWERED_WITHIN);
      while (answered(sockets) < extra && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      List<String> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        if (socket.getInputStream().available() > 0) {
          socket.setSoTimeout(10_000);
          answers.add(readHead(socket.getInputStream()));
        }
      }
      assertThat(answers).hasSize(extra).allMatch(a -> a.startsWith("HTTP/1.1 429"));
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    // the closed connections no longer count: the address may log in again
    String answer = "";
    Instant deadline = Instant.now().plus(ANSWERED_WITHIN);
    while (!answer.startsWith("HTTP/1.1 200") && Instant.now().isBefore(deadline)) {
      try (Socket socket = connectFrom("127.0.0.3")) {
        socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
        byte[] body =
            ("{\"username\":\"admin\",\"password\":\""
                    + EmbeddedServicesResource.ADMIN_PASSWORD
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(loginHead(body.length, null));
        socket.getOutputStream().write(body);
        answer = readHead(socket.getInputStream());
      }
      if (!answer.startsWith("HTTP/1.1 200")) {
        Thread.sleep(200);
      }
    }
    assertThat(answer).startsWith("HTTP/1.1 200");
  }

  @Test
  void a_login_body_that_trickles_is_answered_408_at_the_body_timeout_and_its_connection_closed()
      throws Exception {
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (Socket socket = connectFrom("127.0.0.4")) {
      socket.setSoTimeout((int) bodyTimeout.plus(ANSWERED_WITHIN).toMillis());
      OutputStream out = socket.getOutputStream();
      // a byte a second of a body far longer than that: never idle, never complete in time
      out.write(loginHead(10_000, null));
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              out.write(' ');
            } catch (IOException closedByTheServer) {
              // expected in the end
            }
          },
          0,
          1_000,
          TimeUnit.MILLISECONDS);
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 408");
      assertThat(closedByServer(in)).isTrue();
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void an_upload_that_stalls_is_closed_when_idle_and_one_that_trickles_is_not_cut()
      throws Exception {
    assertThat(idleTimeout).as("the %test idle timeout").isLessThan(STALL_CLOSED_WITHIN);
    UnitFixture f = new UnitFixture();
    // one piece a second for longer than the body timeout and the idle timeout: slow, never idle
    int pieces = (int) Math.max(bodyTimeout.toSeconds(), idleTimeout.toSeconds()) + 3;
    int pieceSize = 1024;
    long size = (long) pieces * pieceSize;
    long seed = System.nanoTime();
    String trickledPath = UnitFixture.path(createUpload(f, seed, size));
    String stalledPath = UnitFixture.path(createUpload(f, seed + 1, size));
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (Socket trickled = connectFrom("127.0.0.1");
        Socket stalled = connectFrom("127.0.0.1")) {
      byte[] content = new SyntheticStream(seed, size).readAllBytes();
      trickled.getOutputStream().write(patchHead(trickledPath, size, f.stationToken));
      int[] next = {0};
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              if (next[0] < pieces) {
                trickled.getOutputStream().write(content, next[0]++ * pieceSize, pieceSize);
              }
            } catch (IOException e) {
              // shows as a missing answer below
            }
          },
          0,
          1_000,
          TimeUnit.MILLISECONDS);
      // the stalled upload sends its head and nothing more: the idle timeout closes it
      stalled.getOutputStream().write(patchHead(stalledPath, size, f.stationToken));
      stalled.setSoTimeout((int) STALL_CLOSED_WITHIN.toMillis());
      assertThat(closedByServer(stalled.getInputStream())).isTrue();

      trickled.setSoTimeout((int) Duration.ofSeconds(pieces).plus(ANSWERED_WITHIN).toMillis());
      assertThat(readHead(trickled.getInputStream()))
          .startsWith("HTTP/1.1 204")
          .contains("Upload-Offset: " + size)
          .contains("Custodia-Evidence-Id: ");
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void a_client_that_hangs_up_mid_body_is_one_log_line() throws Exception {
    Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord e) {
              e.copyAll(); // the logging context (request id) as it was when logged
            }
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    String requestId = "hangs-up-" + UUID.randomUUID();
    try {
      try (Socket socket = connectFrom("127.0.0.5")) {
        socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(loginHead(BODY.length(), requestId));
        out.write(BODY.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // the interim answer shows the service has the request; then the client hangs up
        assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 100");
      }
      Instant deadline = Instant.now().plus(ANSWERED_WITHIN);
      while (ofRequest(records, requestId).isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      List<LogRecord> logged = ofRequest(records, requestId);
      assertThat(logged).hasSize(1);
      assertThat(logged.get(0).getThrown()).isNull();
      assertThat(((ExtLogRecord) logged.get(0)).getFormattedMessage())
          .contains("client went away")
          .doesNotContain("\n");
      assertThat(records)
          .noneMatch(
              r ->
                  r.getThrown() != null
                      && r instanceof ExtLogRecord e
                      && e.getFormattedMessage().contains("/api/v1/auth/login"));
    } finally {
      root.removeHandler(capture);
    }
  }

  private static List<LogRecord> ofRequest(Queue<LogRecord> records, String requestId) {
    return records.stream()
        .filter(r -> r instanceof ExtLogRecord e && requestId.equals(e.getMdc("requestId")))
        .toList();
  }

  private static URL createUpload(UnitFixture f, long seed, long size) throws Exception {
    io.tus.java.client.TusUpload upload = new io.tus.java.client.TusUpload();
    upload.setSize(size);
    upload.setInputStream(new java.io.ByteArrayInputStream(new byte[0]));
    upload.setMetadata(f.metadata(UnitFixture.sha256(seed, size)));
    upload.setFingerprint(UUID.randomUUID().toString());
    return UnitFixture.client(f.stationToken).createUpload(upload).getUploadURL();
  }

  private static byte[] patchHead(String path, long size, String token) {
    return ("PATCH "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
            + "Content-Type: application/offset+octet-stream\r\nContent-Length: "
            + size
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] loginHead(int length, String requestId) {
    return ("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + length
            + (requestId == null
                ? ""
                : "\r\nX-Request-Id: " + requestId + "\r\nExpect: 100-continue")
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static Socket connectFrom(String address) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 10_000);
    return socket;
  }

  private static int answered(List<Socket> sockets) throws IOException {
    int n = 0;
    for (Socket socket : sockets) {
      if (socket.getInputStream().available() > 0) {
        n++;
      }
    }
    return n;
  }

  /** Whether nothing came back on the connection yet, and it is still open. */
  private static boolean unanswered(Socket socket) throws IOException {
    socket.setSoTimeout(1); // whatever came is there already
    try {
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException stillWaiting) {
      return true;
    } catch (SocketException reset) {
      return false;
    }
  }

  /** Reads (and drops) whatever comes until the server closes the connection. */
  private static boolean closedByServer(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // an answer before the close is fine
      }
      return true;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
        .timeout(ANSWERED_WITHIN);
  }
}
