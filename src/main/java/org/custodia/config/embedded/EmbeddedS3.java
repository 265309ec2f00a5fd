package org.custodia.config.embedded;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Properties;
import java.util.Set;

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
      boolean newLoader = loader == null;
      if (newLoader) {
        loader =
            new URLClassLoader(
                "s3proxy", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      }
      thread.setContextClassLoader(loader);
      if (newLoader) {
        quietKnownHarmless(loader);
      }
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

  /** The requests S3Proxy reports as errors although the service asks them on purpose. */
  private static final Set<String> PROBED_PARAMETERS = Set.of("lifecycle", "object-lock");

  /**
   * S3Proxy logs every request for a bucket setting it does not implement as an error ("Unknown
   * parameters object-lock ..."), though it answers 501 and the service, which asks on purpose at
   * each start, reports the outcome itself (readiness, Object Lock warning). Those lines are
   * dropped from S3Proxy's console output; everything else it logs at warning or above still shows.
   */
  private static void quietKnownHarmless(ClassLoader loader) throws ReflectiveOperationException {
    Object context =
        loader.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
    Class<?> contextType = loader.loadClass("ch.qos.logback.classic.LoggerContext");
    if (!contextType.isInstance(context)) {
      return;
    }
    Class<?> evaluatorType = loader.loadClass("ch.qos.logback.core.boolex.EventEvaluator");
    Object evaluator =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {evaluatorType},
            (self, method, args) ->
                switch (method.getName()) {
                  case "evaluate" -> isProbe(args[0]);
                  case "isStarted" -> true;
                  case "getName" -> "custodia-probes";
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  case "toString" -> "custodia-probes";
                  default -> null;
                });
    Class<?> filterType = loader.loadClass("ch.qos.logback.core.filter.EvaluatorFilter");
    Object filter = filterType.getConstructor().newInstance();
    filterType.getMethod("setEvaluator", evaluatorType).invoke(filter, evaluator);
    Class<?> reply = loader.loadClass("ch.qos.logback.core.spi.FilterReply");
    filterType
        .getMethod("setOnMatch", reply)
        .invoke(filter, reply.getMethod("valueOf", String.class).invoke(null, "DENY"));
    filterType.getMethod("start").invoke(filter);
    Object root = contextType.getMethod("getLogger", String.class).invoke(context, "ROOT");
    Class<?> filterBase = loader.loadClass("ch.qos.logback.core.filter.Filter");
    Iterator<?> appenders =
        (Iterator<?>) root.getClass().getMethod("iteratorForAppenders").invoke(root);
    while (appenders.hasNext()) {
      Object appender = appenders.next();
      appender.getClass().getMethod("addFilter", filterBase).invoke(appender, filter);
    }
  }

  private static boolean isProbe(Object event) throws ReflectiveOperationException {
    Class<?> type = event.getClass();
    if (!"org.gaul.s3proxy.S3ProxyHandler".equals(type.getMethod("getLoggerName").invoke(event))
        || !"Unknown parameters {} with URI {}"
            .equals(type.getMethod("getMessage").invoke(event))) {
      return false;
    }
    Object[] arguments = (Object[]) type.getMethod("getArgumentArray").invoke(event);
    return arguments != null
        && arguments.length > 0
        && PROBED_PARAMETERS.contains(String.valueOf(arguments[0]));
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
