package org.custodia.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The printable chain-of-custody report of a package ({@code data/custody-report.html}): per record
 * its hashes, receipt and the check made while packaging, and every audit event that touched it
 * (who, when, what, from where). Chinese by default, English when configured. Self-contained: no
 * script, no external resource.
 */
final class CustodyReport {
  private CustodyReport() {}

  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          Map.entry("title", new String[] {"证据保管链报告", "Chain-of-custody report"}),
          Map.entry("export", new String[] {"导出编号", "Export"}),
          Map.entry("case", new String[] {"案件", "Case"}),
          Map.entry("purpose", new String[] {"用途", "Purpose"}),
          Map.entry("recipient", new String[] {"接收方", "Recipient"}),
          Map.entry("record", new String[] {"证据", "Record"}),
          Map.entry("file", new String[] {"包内文件", "File in the package"}),
          Map.entry("receipt", new String[] {"存证回执", "Receipt"}),
          Map.entry("signed", new String[] {"已签名并加盖时间戳", "signed and timestamped"}),
          Map.entry("unsigned", new String[] {"尚未签名", "not signed yet"}),
          Map.entry(
              "check",
              new String[] {
                "导出时重新计算的 SHA-256 与 SM3 与登记值一致",
                "SHA-256 and SM3 recomputed while packaging equal the recorded ones"
              }),
          Map.entry("events", new String[] {"相关审计事件", "Audit events"}),
          Map.entry("when", new String[] {"时间", "When"}),
          Map.entry("who", new String[] {"操作者", "Who"}),
          Map.entry("what", new String[] {"事件", "What"}),
          Map.entry("where", new String[] {"来源地址", "From where"}),
          Map.entry("caseEvents", new String[] {"案件与导出的审计事件", "Events of the case and export"}),
          Map.entry(
              "verify",
              new String[] {
                "每条审计事件在 data/audit/ 中附有到签名检查点的包含证明。",
                "Each audit event has an inclusion proof to the signed checkpoint in data/audit/."
              }));

  static String html(
      boolean english,
      Export x,
      String caseNo,
      List<Map<String, Object>> records,
      Map<String, List<JsonNode>> eventsByTarget) {
    int l = english ? 1 : 0;
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"").append(english ? "en" : "zh-CN").append("\">\n");
    h.append("<head><meta charset=\"utf-8\"><title>").append(label("title", l));
    h.append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:");
    h.append("collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #999;padding:");
    h.append("4px;text-align:left;font-size:90%}code{word-break:break-all}</style></head>\n");
    h.append("<body>\n<h1>").append(label("title", l)).append("</h1>\n<table>\n");
    row(h, label("export", l), x.id().toString());
    row(h, label("case", l), caseNo == null ? x.caseId().toString() : caseNo);
    row(h, label("purpose", l), x.purpose());
    row(h, label("recipient", l), x.recipient());
    h.append("</table>\n<p>").append(label("verify", l)).append("</p>\n");
    for (Map<String, Object> r : records) {
      String id = String.valueOf(r.get("evidenceId"));
      h.append("<h2>").append(label("record", l)).append(' ').append(esc(id)).append("</h2>\n");
      h.append("<table>\n");
      row(h, label("file", l), String.valueOf(r.get("path")));
      row(h, "SHA-256", String.valueOf(r.get("sha256")));
      row(h, "SM3", String.valueOf(r.get("sm3")));
      row(h, label("receipt", l), label(r.get("receipt") == null ? "unsigned" : "signed", l));
      row(h, "✔", label("check", l));
      h.append("</table>\n");
      events(h, l, eventsByTarget.getOrDefault("evidence:" + id, List.of()));
    }
    h.append("<h2>").append(label("caseEvents", l)).append("</h2>\n");
    List<JsonNode> caseEvents = new java.util.ArrayList<>();
    caseEvents.addAll(eventsByTarget.getOrDefault("case:" + x.caseId(), List.of()));
    caseEvents.addAll(eventsByTarget.getOrDefault("export:" + x.id(), List.of()));
    events(h, l, caseEvents);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void events(StringBuilder h, int l, List<JsonNode> events) {
    h.append("<h3>").append(label("events", l)).append("</h3>\n<table>\n<tr><th>");
    h.append(label("when", l)).append("</th><th>").append(label("who", l)).append("</th><th>");
    h.append(label("what", l)).append("</th><th>").append(label("where", l)).append("</th></tr>\n");
    for (JsonNode e : events) {
      JsonNode actor = e.path("actor");
      String who =
          actor.path("kind").asText("")
              + (actor.hasNonNull("id") ? " " + actor.path("id").asText() : "")
              + (e.hasNonNull("role") ? " (" + e.path("role").asText() + ")" : "");
      h.append("<tr><td>").append(esc(e.path("time").asText("")));
      h.append("</td><td>").append(esc(who));
      h.append("</td><td>").append(esc(e.path("type").asText("")));
      h.append("</td><td>").append(esc(actor.path("address").asText("")));
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td><code>").append(esc(v));
    h.append("</code></td></tr>\n");
  }

  private static String label(String key, int language) {
    return LABELS.get(key)[language];
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
