package org.custodia.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The audit log through its HTTP API, checked with the independent RFC reference ({@link Rfc6962})
 * and the JDK's Ed25519. Other tests share the database, so sizes are read from the checkpoint
 * under test rather than assumed.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditLogTest {
  static final String BASE = "/api/v1/audit";

  @Inject AgroalDataSource dataSource;
  @Inject ObjectStore store;
  @Inject AuditProbe probe;
  @Inject AuditLog log;

  String admin;

  @BeforeEach
  void login() {
    admin = Api.adminToken();
  }

  @Test
  void a_checkpoint_now_waits_for_a_busy_integrator_and_holds_every_event_committed_before()
      throws Exception {
    String type = "probe.before-checkpoint-" + java.util.UUID.randomUUID();
    probe.record(type);
    java.util.concurrent.CompletableFuture<AuditLog.StoredCheckpoint> issued;
    try (java.sql.Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      // another integrator holds the lock, as the background one does in the middle of a batch
      try (java.sql.PreparedStatement ps =
          holder.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, AuditIntegrator.LOCK_KEY);
        ps.execute();
      }
      issued = java.util.concurrent.CompletableFuture.supplyAsync(log::checkpointNow);
      Thread.sleep(300); // let the checkpoint find the lock busy
      holder.rollback();
    }
    long size = issued.get(60, java.util.concurrent.TimeUnit.SECONDS).checkpoint().treeSize();
    Long index =
        org.custodia.support.Jdbc.one(
                dataSource,
                "SELECT leaf_index FROM audit_entry WHERE event_type = ?",
                rs -> (Long) rs.getObject(1),
                type)
            .orElseThrow();
    assertThat(index).isNotNull().isLessThan(size);
  }

  @Test
  void the_checkpoint_root_is_the_mth_of_the_stored_entries() {
    JsonPath cp = postCheckpoint();
    int size = cp.getInt("treeSize");
    assertThat(size).isPositive();

    byte[] root = Base64.getDecoder().decode(cp.getString("rootHash"));
    assertThat(root).isEqualTo(Rfc6962.mth(entries(size)));
  }

  @Test
  void the_checkpoint_signature_verifies_with_the_jdk_ed25519_and_the_note_is_c2sp()
      throws Exception {
    JsonPath cp = postCheckpoint();
    PublicKey key = publicKey();
    String origin = cp.getString("origin");

    String body =
        origin
            + "\n"
            + cp.getLong("treeSize")
            + "\n"
            + cp.getString("rootHash")
            + "\ntimestamp "
            + cp.getString("timestamp")
            + "\n";
    assertThat(ed25519(key, body, Base64.getDecoder().decode(cp.getString("signature")))).isTrue();

    String note =
        as(admin)
            .accept("text/plain")
            .get(BASE + "/checkpoint")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
            .extract()
            .asString();
    int split = note.indexOf("\n\n");
    String noteBody = note.substring(0, split + 1);
    String[] lines = noteBody.split("\n");
    assertThat(lines[0]).isEqualTo(origin);
    assertThat(Long.parseLong(lines[1])).isGreaterThanOrEqualTo(cp.getLong("treeSize"));
    assertThat(Base64.getDecoder().decode(lines[2])).hasSize(32);
    assertThat(lines[3]).startsWith("timestamp ");
    String signatureLine = note.substring(split + 2);
    assertThat(signatureLine).startsWith("\u2014 " + origin + " ").endsWith("\n");
    assertThat(signatureLine.split("\n")).hasSize(1);
    byte[] blob =
        Base64.getDecoder()
            .decode(signatureLine.substring(("\u2014 " + origin + " ").length()).trim());
    assertThat(blob).hasSize(4 + 64);

    byte[] raw =
        Arrays.copyOfRange(key.getEncoded(), key.getEncoded().length - 32, key.getEncoded().length);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(origin.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update((byte) 0x01);
    byte[] keyHash = Arrays.copyOf(sha.digest(raw), 4);
    assertThat(Arrays.copyOf(blob, 4)).isEqualTo(keyHash);
    assertThat(ed25519(key, noteBody, Arrays.copyOfRange(blob, 4, blob.length))).isTrue();
    assertThat(
            ed25519(
                key,
                noteBody.replace("timestamp", "timestamp "),
                Arrays.copyOfRange(blob, 4, blob.length)))
        .isFalse();
  }

  @Test
  void the_checkpoint_copy_is_in_the_object_store() throws Exception {
    JsonPath cp = postCheckpoint();
    String key =
        "checkpoints/"
            + cp.getLong("treeSize")
            + "-"
            + Instant.parse(cp.getString("timestamp")).toEpochMilli()
            + ".json";
    assertThat(store.stat(BucketRole.AUDIT, key, null)).isPresent();
    try (InputStream in = store.get(BucketRole.AUDIT, key, null, null)) {
      JsonPath copy = JsonPath.from(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(copy.getString("rootHash")).isEqualTo(cp.getString("rootHash"));
      assertThat(copy.getString("signature")).isEqualTo(cp.getString("signature"));
    }
  }

  @Test
  void inclusion_proofs_served_over_http_verify_independently() {
    JsonPath cp = postCheckpoint();
    int size = cp.getInt("treeSize");
    byte[] root = Base64.getDecoder().decode(cp.getString("rootHash"));
    Random random = new Random();
    Set<Integer> indexes = new HashSet<>(List.of(0, size - 1, size / 2));
    while (indexes.size() < Math.min(size, 25)) {
      indexes.add(random.nextInt(size));
    }
    for (int i : indexes) {
      byte[] entry =
          Base64.getDecoder()
              .decode(
                  as(admin)
                      .get(BASE + "/entries/" + i)
                      .then()
                      .statusCode(200)
                      .extract()
                      .<String>path("entry"));
      JsonPath proof =
          as(admin)
              .queryParam("index", i)
              .queryParam("treeSize", size)
              .get(BASE + "/proof/inclusion")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(proof.getLong("leafIndex")).isEqualTo(i);
      assertThat(Rfc6962.verifyInclusion(i, size, Rfc6962.leaf(entry), hashes(proof), root))
          .as("leaf %d of %d", i, size)
          .isTrue();
    }
  }

  @Test
  void consistency_proofs_served_over_http_verify_independently() {
    JsonPath cp = postCheckpoint();
    int size = cp.getInt("treeSize");
    List<byte[]> entries = entries(size);
    byte[] root = Rfc6962.mth(entries);
    Random random = new Random();
    Set<Integer> froms = new HashSet<>(List.of(1, size));
    while (froms.size() < Math.min(size, 20)) {
      froms.add(1 + random.nextInt(size));
    }
    for (int m : froms) {
      JsonPath proof =
          as(admin)
              .queryParam("from", m)
              .queryParam("to", size)
              .get(BASE + "/proof/consistency")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(
              Rfc6962.verifyConsistency(
                  m, size, hashes(proof), Rfc6962.mth(entries.subList(0, m)), root))
          .as("%d -> %d", m, size)
          .isTrue();
    }
  }

  @Test
  void proofs_outside_the_tree_are_refused_as_bad_requests() {
    long size = postCheckpoint().getLong("treeSize");
    inclusion(0, size + 1_000_000)
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("treeSize"));
    inclusion(size, size)
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("index"));
    inclusion(-1, size).then().statusCode(400);
    as(admin).get(BASE + "/proof/inclusion").then().statusCode(400);
    as(admin)
        .queryParam("from", 0)
        .queryParam("to", size)
        .get(BASE + "/proof/consistency")
        .then()
        .statusCode(400);
    as(admin).get(BASE + "/entries/" + (size + 1_000_000)).then().statusCode(404);
  }

  @Test
  void the_public_key_is_an_ed25519_pem() throws Exception {
    assertThat(publicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
  }

  @Test
  void refused_requests_appear_in_the_event_list_scoped_to_the_auditors_unit() {
    UUID unit = Api.createUnit(admin, Api.unique("u"), "unit a");
    UUID otherUnit = Api.createUnit(admin, Api.unique("u"), "unit b");
    Api.createUser(admin, Api.unique("officer"), "OFFICER", unit);
    String officerName = Api.unique("officer");
    UUID officer = Api.createUser(admin, officerName, "OFFICER", unit);
    String auditorName = Api.unique("auditor");
    UUID auditor = Api.createUser(admin, auditorName, "AUDITOR", unit);
    String otherAuditorName = Api.unique("auditor");
    Api.createUser(admin, otherAuditorName, "AUDITOR", otherUnit);
    String officerToken = Api.login(officerName, Api.PASSWORD);
    String auditorToken = Api.login(auditorName, Api.PASSWORD);
    String otherAuditorToken = Api.login(otherAuditorName, Api.PASSWORD);

    as(officerToken).get(BASE + "/events").then().statusCode(403);
    given().get(BASE + "/checkpoint").then().statusCode(401);

    List<Map<String, Object>> denied =
        awaitEvents(admin, Map.of("type", "access.denied", "actorId", officer.toString()), 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> target =
        (Map<String, Object>) ((Map<String, Object>) denied.get(0).get("event")).get("target");
    assertThat(target).containsEntry("id", BASE + "/events");
    assertThat(
            awaitEvents(
                admin,
                Map.of("type", "access.unauthenticated", "targetId", BASE + "/checkpoint"),
                1))
        .isNotEmpty();

    // the auditor of the officer's unit sees the denial, another unit's auditor does not
    assertThat(
            awaitEvents(
                auditorToken, Map.of("actorId", officer.toString(), "type", "access.denied"), 1))
        .hasSize(1);
    assertThat(
            events(otherAuditorToken, Map.of("actorId", officer.toString()), null).getList("items"))
        .isEmpty();
    assertThat(
            events(otherAuditorToken, Map.of("type", "access.denied"), null)
                .getList("items.event.unit", String.class))
        .allMatch(otherUnit.toString()::equals);

    // listing is itself an audited access
    assertThat(
            awaitEvents(
                auditorToken,
                Map.of("actorId", auditor.toString(), "type", "audit.events-listed"),
                1))
        .isNotEmpty();
  }

  @Test
  void the_event_list_pages_by_cursor_without_repeats() {
    String type = "test." + Api.unique("paged");
    for (int i = 0; i < 7; i++) {
      probe.record(type);
    }
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath p = events(admin, Map.of("limit", 3, "type", type), cursor);
      ids.addAll(p.getList("items.id", Long.class));
      cursor = p.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(7).doesNotHaveDuplicates().isSorted();
    as(admin).queryParam("cursor", "not-a-cursor").get(BASE + "/events").then().statusCode(400);
  }

  private JsonPath postCheckpoint() {
    return as(admin).post(BASE + "/checkpoint").then().statusCode(200).extract().jsonPath();
  }

  private io.restassured.response.Response inclusion(long index, long size) {
    return as(admin)
        .queryParam("index", index)
        .queryParam("treeSize", size)
        .get(BASE + "/proof/inclusion");
  }

  private JsonPath events(String token, Map<String, ?> query, String cursor) {
    var spec = as(token).queryParams(query);
    if (cursor != null) {
      spec = spec.queryParam("cursor", cursor);
    }
    return spec.get(BASE + "/events").then().statusCode(200).extract().jsonPath();
  }

  private List<Map<String, Object>> awaitEvents(String token, Map<String, ?> query, int atLeast) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    List<Map<String, Object>> items = List.of();
    while (Instant.now().isBefore(deadline)) {
      items = events(token, query, null).getList("items");
      if (items.size() >= atLeast) {
        return items;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no events matching " + query + " appeared; saw " + items);
  }

  private PublicKey publicKey() throws Exception {
    String pem = as(admin).get(BASE + "/public-key").then().statusCode(200).extract().asString();
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  private static boolean ed25519(PublicKey key, String body, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(body.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(signature);
  }

  private static List<byte[]> hashes(JsonPath proof) {
    return proof.getList("hashes", String.class).stream()
        .map(h -> Base64.getDecoder().decode(h))
        .toList();
  }

  /** Entries 0 .. size - 1 straight from the database. */
  private List<byte[]> entries(int size) {
    List<byte[]> entries =
        Jdbc.list(
            dataSource,
            "SELECT entry FROM audit_entry WHERE leaf_index < ? ORDER BY leaf_index",
            rs -> rs.getBytes(1),
            (long) size);
    assertThat(entries).hasSize(size);
    return entries;
  }
}
