package org.custodia.storage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Rewrites Object Lock dates in the store's answers to the form the MinIO SDK parses. Ceph RGW
 * sends retain-until dates with nanoseconds ({@code 2027-06-02T17:43:30.484288527Z}); the SDK
 * (8.5.x) accepts only whole seconds or milliseconds and fails every HEAD of a locked version
 * otherwise. The fraction is cut to milliseconds: never later than what the store keeps.
 */
final class LockDates implements Interceptor {
  static final String RETAIN_UNTIL_HEADER = "x-amz-object-lock-retain-until-date";
  private static final Pattern DATE =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d+))?Z");
  private static final Pattern XML_DATE =
      Pattern.compile(
          "(<RetainUntilDate>)(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)(</RetainUntilDate>)");

  /** A retention document is a few hundred bytes; anything larger is left alone. */
  private static final long MAX_BODY = 64 * 1024;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    Response.Builder rewritten = null;
    String header = response.header(RETAIN_UNTIL_HEADER);
    if (header != null) {
      String fixed = normalize(header);
      if (!fixed.equals(header)) {
        rewritten = response.newBuilder().header(RETAIN_UNTIL_HEADER, fixed);
      }
    }
    if ("GET".equals(chain.request().method())
        && chain.request().url().queryParameterNames().contains("retention")
        && response.body() != null
        && response.body().contentLength() <= MAX_BODY) {
      ResponseBody body = response.body();
      MediaType type = body.contentType();
      String xml = body.string();
      Matcher m = XML_DATE.matcher(xml);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            out, Matcher.quoteReplacement(m.group(1) + normalize(m.group(2)) + m.group(3)));
      }
      m.appendTail(out);
      rewritten =
          (rewritten == null ? response.newBuilder() : rewritten)
              .body(ResponseBody.create(out.toString(), type));
    }
    return rewritten == null ? response : rewritten.build();
  }

  /** A date with a fraction of other than three digits, as one with milliseconds. */
  static String normalize(String date) {
    Matcher m = DATE.matcher(date.trim());
    if (!m.matches() || m.group(2) == null || m.group(2).length() == 3) {
      return date;
    }
    String fraction = (m.group(2) + "000").substring(0, 3);
    return m.group(1) + "." + fraction + "Z";
  }
}
