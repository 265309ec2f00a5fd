package org.custodia.config.embedded;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3 server (S3Proxy, filesystem-backed) running in this JVM from its own jar, loaded in an
 * isolated class loader so that none of its ~160 dependencies touch the application's class path.
 * It can be stopped and started again on the same port (the readiness tests do so).
 */
public final class EmbeddedS3 implements AutoCloseable {
  private final Path jar;
  private final Path baseDir;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private URLClassLoader loader;
  private Object proxy;

  public EmbeddedS3(Path jar, Path baseDir, int port, String accessKey, String secretKey) {
    this.jar = jar;
    this.baseDir = baseDir;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public synchronized void start() {
    if (proxy != null) {
      return;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      Files.createDirectories(baseDir);
      // S3Proxy logs through its own logback: keep it to warnings
      System.setProperty("LOG_LEVEL", System.getProperty("LOG_LEVEL", "warn"));
      System.setProperty("JETTY_LOG_LEVEL", System.getProperty("JETTY_LOG_LEVEL", "warn"));
      System.setProperty(
          "logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
      if (loader == null) {
        loader =
            new URLClassLoader(
                "s3proxy", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      }
      thread.setContextClassLoader(loader);
      Properties props = new Properties();
      props.setProperty("jclouds.provider", "filesystem-nio2");
      props.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
      props.setProperty("jclouds.identity", accessKey);
      props.setProperty("jclouds.credential", secretKey);
      props.setProperty("s3proxy.endpoint", endpoint());
      props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      props.setProperty("s3proxy.identity", accessKey);
      props.setProperty("s3proxy.credential", secretKey);
      props.setProperty("s3proxy.ignore-unknown-headers", "true");

      Class<?> main = loader.loadClass("org.gaul.s3proxy.Main");
      Method createBlobStore = main.getDeclaredMethod("createBlobStore", Properties.class);
      createBlobStore.setAccessible(true);
      Object blobStore = createBlobStore.invoke(null, props);
      Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
      Object builder =
          builderType.getMethod("fromProperties", Properties.class).invoke(null, props);
      builderType
          .getMethod("blobStore", loader.loadClass("org.gaul.s3proxy.blobstore.BlobStore"))
          .invoke(builder, blobStore);
      Object built = builderType.getMethod("build").invoke(builder);
      built.getClass().getMethod("start").invoke(built);
      proxy = built;
      waitUntilStarted();
    } catch (ReflectiveOperationException | IOException e) {
      throw new IllegalStateException("cannot start the embedded S3 server from " + jar, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private void waitUntilStarted() throws ReflectiveOperationException {
    Method state = proxy.getClass().getMethod("getState");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(state.invoke(proxy)) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.getClass().getMethod("stop").invoke(proxy);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot stop the embedded S3 server", e);
    } finally {
      proxy = null;
    }
  }

  public synchronized boolean running() {
    return proxy != null;
  }

  @Override
  public synchronized void close() {
    stop();
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException ignored) {
        // nothing to release beyond the jar handle
      }
      loader = null;
    }
  }
}
