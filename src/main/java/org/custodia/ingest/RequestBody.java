package org.custodia.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking stream for the request thread, with bounded read-ahead: the event
 * loop is asked for up to {@value #BATCH} body pieces (64 KiB each at most) at a time, and no more
 * once {@value #READ_AHEAD} bytes wait here, so at most about twice that is held per upload.
 * RESTEasy's own body stream asks for one piece at a time, so every piece (a few KiB) cost two
 * hand-offs between the event loop and the request thread, which bound a single upload's speed. A
 * connection that closes before the body ends is an {@link IOException} to the reader, as with any
 * socket.
 */
final class RequestBody extends InputStream {
  private static final int BATCH = 64;
  private static final long READ_AHEAD = 4L * 1024 * 1024;
  private static final long IDLE_TIMEOUT_MS = 120_000;

  private final HttpServerRequest request;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long requested;
  private boolean ended;
  private Throwable failure;
  private Buffer current;
  private int position;

  RequestBody(HttpServerRequest request) {
    this.request = request;
    // paused first, so that setting the handler does not switch the request to flowing mode
    request.pause();
    request.handler(this::onData);
    request.endHandler(v -> onEnd(null));
    request.exceptionHandler(this::onEnd);
    if (request.isEnded()) {
      ended = true;
    } else {
      fetchMore();
    }
  }

  private void onData(Buffer piece) {
    synchronized (this) {
      queue.add(piece);
      queuedBytes += piece.length();
      requested--;
      notifyAll();
    }
  }

  private synchronized void onEnd(Throwable t) {
    if (t != null && failure == null) {
      failure = t;
    }
    ended = true;
    notifyAll();
  }

  /** Asks the event loop for more pieces when little is waiting; never while holding the lock. */
  private void fetchMore() {
    long ask;
    synchronized (this) {
      if (ended || requested > BATCH / 2 || queuedBytes > READ_AHEAD) {
        return;
      }
      ask = BATCH - requested;
      requested += ask;
    }
    request.fetch(ask);
  }

  /** The next piece, waiting for one; null at the end of the body. */
  private Buffer next() throws IOException {
    fetchMore();
    synchronized (this) {
      long deadline = System.currentTimeMillis() + IDLE_TIMEOUT_MS;
      while (queue.isEmpty() && !ended) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new IOException("no body bytes for " + IDLE_TIMEOUT_MS / 1000 + " s");
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading the request body");
        }
      }
      Buffer piece = queue.poll();
      if (piece != null) {
        queuedBytes -= piece.length();
        return piece;
      }
      if (failure != null) {
        throw new IOException("the request body ended early: " + failure.getMessage(), failure);
      }
      return null;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (current == null || position == current.length()) {
      current = next();
      position = 0;
      if (current == null) {
        return -1;
      }
    }
    int n = Math.min(len, current.length() - position);
    current.getBytes(position, position + n, b, off);
    position += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }
}
