package org.custodia.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.custodia.audit.CanonicalJson;
import org.custodia.integrity.StandaloneSigner;

/**
 * Receipt signing throughput, no service around it: a receipt is signed with ECDSA P-256 and with
 * SM2 (two detached CMS SignedData) and its ECDSA signature value timestamped by the built-in TSA.
 * Measured single-threaded and with N threads, against a same-run baseline of bare signatures (JDK
 * SHA256withECDSA and Bouncy Castle SM3withSM2 over the same bytes).
 *
 * <p>{@code scripts/bench sign [seconds-per-phase] [threads]}
 */
public final class SignBench {
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sign-bench-");
    StandaloneSigner signer = StandaloneSigner.open(dir.resolve("signing"));
    byte[] receipt = receipt(0);
    StandaloneSigner.Signed sample = signer.sign(receipt);
    if (!signer.verify(receipt, sample)) {
      throw new IllegalStateException("the bench's receipt does not verify");
    }
    System.out.printf(
        "receipt %d B, receipt.p7s %d B, receipt.sm2.p7s %d B, receipt.tsr %d B; %d cores%n",
        receipt.length,
        sample.p7s().length,
        sample.sm2P7s().length,
        sample.tsr().length,
        Runtime.getRuntime().availableProcessors());

    KeyPair ec = keyPair("EC", "secp256r1", null);
    KeyPair sm2 = keyPair("EC", "sm2p256v1", "BC");
    IntConsumer bareEc = i -> sign("SHA256withECDSA", null, ec, receipt);
    IntConsumer bareSm2 = i -> sign("SM3withSM2", "BC", sm2, receipt);
    IntConsumer full = i -> signer.sign(receipt(i));

    // JIT warm-up: the first seconds run at a fraction of the steady rate
    run("warm-up", full, threads, Math.max(5, seconds / 2));
    run("warm-up", bareEc, 1, 2);
    run("warm-up", bareSm2, 1, 2);
    Map<String, Double> results = new LinkedHashMap<>();
    results.put("baseline: bare SHA256withECDSA (JDK), 1 thread", run("", bareEc, 1, seconds));
    results.put("baseline: bare SM3withSM2 (BC), 1 thread", run("", bareSm2, 1, seconds));
    results.put("receipts (ECDSA CMS + SM2 CMS + RFC 3161), 1 thread", run("", full, 1, seconds));
    results.put(
        "receipts (ECDSA CMS + SM2 CMS + RFC 3161), " + threads + " threads",
        run("", full, threads, seconds));
    System.out.println();
    System.out.printf(
        "load average %.2f (other work on the machine lowers every figure)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    results.forEach((name, rate) -> System.out.printf("%-62s %,10.0f/s%n", name, rate));
  }

  private static byte[] receipt(int i) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("receiptVersion", 1);
    facts.put("id", UUID.randomUUID().toString());
    facts.put("sha256", "5d1f".repeat(16));
    facts.put("sm3", "a7c3".repeat(16));
    facts.put("size", 1_073_741_824L + i);
    facts.put("contentType", "video/mp4");
    facts.put("deviceId", UUID.randomUUID().toString());
    facts.put("officerId", UUID.randomUUID().toString());
    facts.put("stationId", UUID.randomUUID().toString());
    facts.put("recordedFrom", "2026-11-27T09:30:00Z");
    facts.put("recordedTo", "2026-11-27T09:45:00Z");
    facts.put("stationClaimedSha256", "5d1f".repeat(16));
    facts.put("objectKey", "originals/2026/11/27/" + UUID.randomUUID());
    facts.put("ingestedAt", "2026-11-27T10:02:11.123456Z");
    return CanonicalJson.bytes(facts);
  }

  private static double run(String label, IntConsumer op, int threads, int seconds)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                int i = 0;
                while (!stop.get()) {
                  op.accept(i++);
                  done.incrementAndGet();
                }
              });
      workers.add(w);
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    double rate = done.get() / ((System.nanoTime() - start) / 1e9);
    if (!label.isEmpty()) {
      System.out.printf("%s: %,.0f/s%n", label, rate);
    }
    return rate;
  }

  private static KeyPair keyPair(String algorithm, String curve, String provider) throws Exception {
    if (provider != null && Security.getProvider(provider) == null) {
      Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
    KeyPairGenerator g =
        provider == null
            ? KeyPairGenerator.getInstance(algorithm)
            : KeyPairGenerator.getInstance(algorithm, provider);
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static void sign(String algorithm, String provider, KeyPair pair, byte[] data) {
    try {
      Signature s =
          provider == null
              ? Signature.getInstance(algorithm)
              : Signature.getInstance(algorithm, provider);
      s.initSign(pair.getPrivate());
      s.update(data);
      s.sign();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
