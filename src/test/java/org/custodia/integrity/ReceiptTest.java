package org.custodia.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.custodia.audit.AuditLog;
import org.custodia.audit.CanonicalJson;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiptTest {
  private static final long SIZE = 300_001;

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;
  @Inject AuditLog auditLog;
  @Inject Signing signing;

  @TempDir Path work;
  private UnitFixture f;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
  }

  private JsonPath status(UUID id) {
    return as(f.admin)
        .get("/api/v1/evidence/" + id + "/receipt")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath awaitState(UUID id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonPath s = status(id);
    while (!state.equals(s.getString("state")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      s = status(id);
    }
    assertThat(s.getString("state")).as(s.prettify()).isEqualTo(state);
    return s;
  }

  private byte[] download(UUID id, String file) {
    return as(f.admin)
        .get("/api/v1/evidence/" + id + "/" + file)
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
  }

  /** Writes the receipt files, the ECDSA signature value and the certificates into {@code dir}. */
  private void files(UUID id, Path dir) throws Exception {
    byte[] p7s = download(id, "receipt.p7s");
    Files.write(dir.resolve("receipt.json"), download(id, "receipt.json"));
    Files.write(dir.resolve("receipt.p7s"), p7s);
    Files.write(dir.resolve("receipt.sm2.p7s"), download(id, "receipt.sm2.p7s"));
    Files.write(dir.resolve("receipt.tsr"), download(id, "receipt.tsr"));
    Files.write(dir.resolve("signature.bin"), signerOf(p7s).getSignature());
    Files.writeString(
        dir.resolve("chain.pem"),
        as(f.admin)
            .header("Accept", "text/plain")
            .get("/api/v1/signing/certificates")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private Map<String, String> verify(UUID id) {
    auditLog.integrate();
    JsonPath report =
        as(f.admin)
            .post("/api/v1/evidence/" + id + "/verify")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, String> checks = new HashMap<>();
    List<Map<String, String>> list = report.getList("checks");
    for (Map<String, String> c : list) {
      checks.put(c.get("name"), c.get("status"));
    }
    checks.put("result", report.getString("result"));
    return checks;
  }

  private static SignerInformation signerOf(byte[] p7s) throws Exception {
    return new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next();
  }

  @Test
  void an_ingested_item_gets_a_receipt_that_openssl_and_bouncy_castle_verify() throws Exception {
    UUID id = f.uploadSynthetic(101, SIZE, "video/mp4");
    JsonPath s = awaitState(id, "SIGNED");
    assertThat(s.getBoolean("signed")).isTrue();
    assertThat(s.getString("tsa")).isEqualTo("built-in");
    files(id, work);

    var facts = CanonicalJson.parse(Files.readAllBytes(work.resolve("receipt.json")));
    assertThat(facts.path("id").asText()).isEqualTo(id.toString());
    assertThat(facts.path("sha256").asText()).isEqualTo(UnitFixture.sha256(101, SIZE));
    assertThat(facts.path("size").asLong()).isEqualTo(SIZE);
    assertThat(facts.path("deviceId").asText()).isEqualTo(f.device.toString());
    assertThat(facts.path("objectKey").asText()).isNotBlank();
    assertThat(CanonicalJson.bytes(facts))
        .isEqualTo(Files.readAllBytes(work.resolve("receipt.json")));

    OpenSsl.Run cms = OpenSsl.cmsVerify(work, "receipt.p7s", "receipt.json", "chain.pem");
    assertThat(cms.ok()).as(cms.output()).isTrue();
    OpenSsl.Run any = OpenSsl.cmsVerifyAnyPurpose(work, "receipt.p7s", "receipt.json", "chain.pem");
    assertThat(any.ok()).as(any.output()).isTrue();
    OpenSsl.Run ts = OpenSsl.tsVerify(work, "receipt.tsr", "signature.bin", "chain.pem");
    assertThat(ts.ok()).as(ts.output()).isTrue();

    // SM2: OpenSSL 3.0 cannot read SM2 CMS; Bouncy Castle verifies it
    CMSSignedData sm2 =
        new CMSSignedData(
            new CMSProcessableByteArray(Files.readAllBytes(work.resolve("receipt.json"))),
            Files.readAllBytes(work.resolve("receipt.sm2.p7s")));
    SignerInformation sm2Signer = sm2.getSignerInfos().getSigners().iterator().next();
    X509CertificateHolder sm2Cert =
        (X509CertificateHolder)
            sm2.getCertificates().getMatches(sm2Signer.getSID()).iterator().next();
    assertThat(sm2Signer.getEncryptionAlgOID()).isEqualTo("1.2.156.10197.1.501");
    assertThat(
            sm2Signer.verify(
                new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.provider()).build(sm2Cert)))
        .isTrue();

    // the copies in the locked receipts bucket are the same bytes
    for (String file : List.of("receipt.json", "receipt.p7s", "receipt.sm2.p7s", "receipt.tsr")) {
      try (InputStream in =
          store.get(BucketRole.RECEIPTS, "receipts/" + id + "/" + file, null, null)) {
        assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(work.resolve(file)));
      }
    }

    Map<String, String> checks = verify(id);
    assertThat(checks)
        .containsEntry("result", "PASS")
        .containsEntry("size", "pass")
        .containsEntry("sha256", "pass")
        .containsEntry("sm3", "pass")
        .containsEntry("receipt", "pass")
        .containsEntry("receiptCopy", "pass")
        .containsEntry("ecdsaSignature", "pass")
        .containsEntry("sm2Signature", "pass")
        .containsEntry("timestamp", "pass")
        .containsEntry("auditInclusion", "pass");
    assertThat(auditEvents(id, "evidence.verified")).isEqualTo(1);
    assertThat(auditEvents(id, "evidence.signed")).isEqualTo(1);
    assertThat(auditEvents(id, "evidence.receipt-downloaded")).isGreaterThanOrEqualTo(4);
    // the evidence index beside these endpoints still answers
    as(f.admin).get("/api/v1/evidence/" + id).then().statusCode(200);
  }

  @Test
  void a_receipt_written_before_the_receipts_bucket_is_still_read_from_derived() throws Exception {
    UUID id = f.uploadSynthetic(203, SIZE, "video/mp4");
    awaitState(id, "SIGNED");
    // what an older deployment holds: the receipt files in derived, none in the receipts bucket
    // (moved with the store's own keys; S3Proxy does not enforce Object Lock)
    io.minio.MinioClient raw = org.custodia.testing.RawS3.client();
    for (String file : List.of("receipt.json", "receipt.p7s", "receipt.sm2.p7s", "receipt.tsr")) {
      String key = "receipts/" + id + "/" + file;
      byte[] bytes;
      try (InputStream in = store.get(BucketRole.RECEIPTS, key, null, null)) {
        bytes = in.readAllBytes();
      }
      raw.removeObject(
          io.minio.RemoveObjectArgs.builder()
              .bucket(store.bucketName(BucketRole.RECEIPTS))
              .object(key)
              .build());
      store.put(
          BucketRole.DERIVED,
          key,
          new java.io.ByteArrayInputStream(bytes),
          bytes.length,
          "application/octet-stream",
          Map.of());
    }
    assertThat(store.stat(BucketRole.RECEIPTS, "receipts/" + id + "/receipt.json", null)).isEmpty();
    assertThat(verify(id)).containsEntry("result", "PASS").containsEntry("receiptCopy", "pass");
  }

  @Test
  void a_flipped_byte_of_the_receipt_the_signature_or_the_stored_object_fails_and_is_named()
      throws Exception {
    UUID id = f.uploadSynthetic(202, SIZE, "video/mp4");
    awaitState(id, "SIGNED");
    files(id, work);
    byte[] json = Files.readAllBytes(work.resolve("receipt.json"));
    byte[] p7s = Files.readAllBytes(work.resolve("receipt.p7s"));

    // the receipt
    byte[] tamperedJson = json.clone();
    tamperedJson[json.length / 2] ^= 1;
    Files.write(work.resolve("tampered.json"), tamperedJson);
    assertThat(OpenSsl.cmsVerify(work, "receipt.p7s", "tampered.json", "chain.pem").ok()).isFalse();
    Jdbc.update(
        db, "UPDATE evidence_receipt SET receipt_json = ? WHERE evidence_id = ?", tamperedJson, id);
    assertThat(verify(id))
        .containsEntry("result", "FAIL")
        .containsEntry("receipt", "fail")
        .containsEntry("receiptCopy", "fail")
        .containsEntry("ecdsaSignature", "fail")
        .containsEntry("sm2Signature", "fail")
        .containsEntry("sha256", "pass");
    Jdbc.update(db, "UPDATE evidence_receipt SET receipt_json = ? WHERE evidence_id = ?", json, id);
    assertThat(verify(id)).containsEntry("result", "PASS");

    // the ECDSA signature value
    byte[] tamperedP7s = ReceiptCryptoTest.flipSignatureByte(p7s);
    Files.write(work.resolve("tampered.p7s"), tamperedP7s);
    assertThat(OpenSsl.cmsVerify(work, "tampered.p7s", "receipt.json", "chain.pem").ok()).isFalse();
    Jdbc.update(db, "UPDATE evidence_receipt SET p7s = ? WHERE evidence_id = ?", tamperedP7s, id);
    assertThat(verify(id))
        .containsEntry("result", "FAIL")
        .containsEntry("ecdsaSignature", "fail")
        .containsEntry("timestamp", "fail")
        .containsEntry("sm2Signature", "pass");
    Jdbc.update(db, "UPDATE evidence_receipt SET p7s = ? WHERE evidence_id = ?", p7s, id);

    // the stored original: overwritten in the store under the same key, one byte flipped
    String key =
        Jdbc.one(db, "SELECT object_key FROM evidence WHERE id = ?", rs -> rs.getString(1), id)
            .orElseThrow();
    store.put(
        BucketRole.EVIDENCE,
        key,
        new FlipOneByte(new SyntheticStream(202, SIZE), SIZE / 3),
        SIZE,
        "video/mp4",
        Map.of());
    assertThat(verify(id))
        .containsEntry("result", "FAIL")
        .containsEntry("size", "pass")
        .containsEntry("sha256", "fail")
        .containsEntry("sm3", "fail")
        .containsEntry("ecdsaSignature", "pass");
  }

  @Test
  void after_rotation_new_receipts_use_the_new_certificate_and_old_receipts_still_verify()
      throws Exception {
    UUID before = f.uploadSynthetic(303, SIZE, "video/mp4");
    JsonPath old = awaitState(before, "SIGNED");
    JsonPath rotated =
        as(f.admin).post("/api/v1/signing/rotate").then().statusCode(200).extract().jsonPath();
    assertThat(rotated.getInt("generation")).isGreaterThan(old.getInt("generation"));
    UUID after = f.uploadSynthetic(304, SIZE, "video/mp4");
    JsonPath now = awaitState(after, "SIGNED");
    assertThat(now.getInt("generation")).isEqualTo(rotated.getInt("generation"));
    assertThat(now.getString("ecCertSha256"))
        .isEqualTo(rotated.getString("ecCertSha256"))
        .isNotEqualTo(old.getString("ecCertSha256"));
    assertThat(verify(before)).containsEntry("result", "PASS");
    assertThat(verify(after)).containsEntry("result", "PASS");
    for (UUID id : List.of(before, after)) {
      Path dir = Files.createDirectories(work.resolve(id.toString()));
      files(id, dir);
      OpenSsl.Run cms = OpenSsl.cmsVerify(dir, "receipt.p7s", "receipt.json", "chain.pem");
      assertThat(cms.ok()).as(cms.output()).isTrue();
    }
    List<String> fingerprints =
        as(f.admin)
            .get("/api/v1/signing/certificates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("certificates.sha256");
    assertThat(fingerprints).contains(old.getString("ecCertSha256"), now.getString("ecCertSha256"));
  }

  @Test
  void when_the_tsa_is_unreachable_the_item_is_stored_unsigned_until_the_retry_job_signs_it()
      throws Exception {
    Timestamper t = signing.timestamper();
    t.reconfigure(URI.create("http://127.0.0.1:9/tsa"), false);
    UUID id;
    try {
      id = f.uploadSynthetic(404, SIZE, "video/mp4");
      JsonPath s = awaitState(id, "FAILED");
      assertThat(s.getBoolean("signed")).isFalse();
      assertThat(s.getString("lastError")).contains("TSA");
      // the evidence is there, its bytes intact, the receipt files are not
      as(f.admin).get("/api/v1/evidence/" + id).then().statusCode(200);
      as(f.admin).get("/api/v1/evidence/" + id + "/receipt.p7s").then().statusCode(404);
      Map<String, String> checks = verify(id);
      assertThat(checks)
          .containsEntry("sha256", "pass")
          .containsEntry("ecdsaSignature", "fail")
          .containsEntry("result", "FAIL");
      assertThat(auditEvents(id, "evidence.signing-failed")).isEqualTo(1);
    } finally {
      t.reconfigure(null, true);
    }
    JsonPath signed = awaitState(id, "SIGNED");
    assertThat(signed.getInt("attempts")).isGreaterThan(1);
    assertThat(verify(id)).containsEntry("result", "PASS");
  }

  @Test
  void a_configured_external_tsa_stamps_over_http_and_the_receipt_names_it() throws Exception {
    // a second, independent RFC 3161 server on loopback (its own TSA key, issued by the root)
    TimeStampAuthority external =
        new TimeStampAuthority(Certs.tsa(signing.keys().ecRoot(), "External Test TSA"));
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tsa",
        exchange -> {
          byte[] answer;
          try {
            answer =
                external
                    .respond(
                        new org.bouncycastle.tsp.TimeStampRequest(
                            exchange.getRequestBody().readAllBytes()))
                    .getEncoded();
          } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
    Timestamper t = signing.timestamper();
    t.reconfigure(URI.create(url), false);
    UUID id;
    try {
      id = f.uploadSynthetic(707, SIZE, "video/mp4");
      JsonPath s = awaitState(id, "SIGNED");
      assertThat(s.getString("tsa")).isEqualTo(url);
    } finally {
      t.reconfigure(null, true);
      server.stop(0);
    }
    assertThat(verify(id)).containsEntry("result", "PASS").containsEntry("timestamp", "pass");
    files(id, work);
    OpenSsl.Run ts = OpenSsl.tsVerify(work, "receipt.tsr", "signature.bin", "chain.pem");
    assertThat(ts.ok()).as(ts.output()).isTrue();
    List<String> kinds =
        as(f.admin)
            .get("/api/v1/signing/certificates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("certificates.kind");
    assertThat(kinds).contains("TSA_EXTERNAL");
  }

  @Test
  void an_item_whose_signing_after_commit_did_not_happen_is_signed_by_the_retry_job()
      throws Exception {
    UUID id = f.uploadSynthetic(505, SIZE, "video/mp4");
    awaitState(id, "SIGNED");
    // as a crash right after the item's commit leaves it: the obligation, not the signature
    Jdbc.update(
        db,
        "UPDATE evidence_receipt SET state = 'PENDING', attempts = 0, receipt_json = NULL,"
            + " receipt_sha256 = NULL, p7s = NULL, sm2_p7s = NULL, tsr = NULL, generation = NULL,"
            + " ec_cert_sha256 = NULL, sm2_cert_sha256 = NULL, tsa = NULL, signed_at = NULL,"
            + " last_attempt_at = NULL, created_at = now() - interval '1 minute'"
            + " WHERE evidence_id = ?",
        id);
    assertThat(status(id).getString("state")).isIn("PENDING", "SIGNED");
    awaitState(id, "SIGNED");
    assertThat(verify(id)).containsEntry("result", "PASS");
  }

  @Test
  void the_obligation_to_sign_commits_with_the_item() throws Exception {
    Timestamper t = signing.timestamper();
    // a TSA that takes the connection and never answers holds the signing transaction open
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      t.reconfigure(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/tsa"), false);
      UUID id;
      try {
        id = f.uploadSynthetic(507, SIZE, "video/mp4");
        assertThat(
                Jdbc.one(
                    db,
                    "SELECT state FROM evidence_receipt WHERE evidence_id = ?",
                    rs -> rs.getString(1),
                    id))
            .contains("PENDING");
      } finally {
        t.reconfigure(null, true);
      }
      awaitState(id, "SIGNED");
    }
  }

  @Test
  void receipts_of_another_unit_answer_not_found_and_stations_may_not_read_them() throws Exception {
    UUID id = f.uploadSynthetic(606, SIZE, "video/mp4");
    awaitState(id, "SIGNED");
    UUID otherUnit = Api.createUnit(f.admin, Api.unique("OTH"), "其他单位");
    String name = Api.unique("aud");
    Api.createUser(f.admin, name, "AUDITOR", otherUnit);
    String auditor = Api.login(name, Api.PASSWORD);
    for (String path : List.of("/receipt", "/receipt.json", "/receipt.p7s", "/receipt.tsr")) {
      as(auditor).get("/api/v1/evidence/" + id + path).then().statusCode(404);
    }
    as(auditor).post("/api/v1/evidence/" + id + "/verify").then().statusCode(404);
    as(auditor).post("/api/v1/signing/rotate").then().statusCode(403);
    as(f.stationToken).get("/api/v1/evidence/" + id + "/receipt.json").then().statusCode(403);
    String own = Api.unique("aud");
    Api.createUser(f.admin, own, "AUDITOR", f.unit);
    as(Api.login(own, Api.PASSWORD))
        .post("/api/v1/evidence/" + id + "/verify")
        .then()
        .statusCode(200);
  }

  private long auditEvents(UUID id, String type) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE target_type = 'evidence' AND target_id = ?"
                + " AND event_type = ?",
            rs -> rs.getLong(1),
            id.toString(),
            type)
        .orElseThrow();
  }

  /** A stream with one byte flipped at {@code position}. */
  static final class FlipOneByte extends InputStream {
    private final InputStream in;
    private final long position;
    private long read;

    FlipOneByte(InputStream in, long position) {
      this.in = in;
      this.position = position;
    }

    @Override
    public int read() throws java.io.IOException {
      int b = in.read();
      if (b >= 0 && read++ == position) {
        b ^= 1;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = in.read(b, off, len);
      if (n > 0 && position >= read && position < read + n) {
        b[off + (int) (position - read)] ^= 1;
      }
      read += Math.max(n, 0);
      return n;
    }
  }
}
