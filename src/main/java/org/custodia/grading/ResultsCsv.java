package org.custodia.grading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The results of a spot check as CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel
 * reads Chinese correctly), RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is
 * quoted, quotes doubled), Chinese headers. A cell that a spreadsheet would take for a formula
 * (starting with = + - @, tab or CR) is prefixed with a single quote.
 */
public final class ResultsCsv {
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  public static final List<String> HEADERS =
      List.of("序号", "案件编号", "执法单位", "案件类型", "评查人", "评查等次", "评查意见", "评查时间");

  private ResultsCsv() {}

  /** The document: the BOM, the header row, then one row per list of cells. */
  public static byte[] write(List<List<String>> rows) {
    List<List<String>> lines = new java.util.ArrayList<>();
    lines.add(HEADERS);
    lines.addAll(rows);
    return document(lines);
  }

  /** Any document in this format (also the yearly statistics): the BOM, then the lines as given. */
  public static byte[] document(List<List<String>> lines) {
    StringBuilder out = new StringBuilder();
    lines.forEach(r -> line(out, r));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(BOM);
    bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** One cell, guarded against formula injection and quoted as RFC 4180 requires. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\r') >= 0
        || v.indexOf('\n') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
