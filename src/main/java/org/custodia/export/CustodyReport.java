package org.custodia.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.custodia.integrity.VerificationService;

/**
 * The printable chain-of-custody report of a package ({@code data/custody-report.html}): the export
 * (who asked, who approved, for whom), per record its facts, hashes, receipt and every check made
 * while packaging (hashes recomputed from the stored bytes, both signatures, the timestamp with its
 * time and authority), and every audit event that touched it (who, when, what, from where). Chinese
 * or English as the request chose; times in Beijing time. Self-contained: no script, no external
 * resource.
 */
final class CustodyReport {
  private CustodyReport() {}

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

  /** What the report states beyond the records and events. */
  record Facts(
      boolean english,
      Export export,
      JsonNode dossier,
      Instant builtAt,
      long auditTreeSize,
      Function<String, String> userName) {}

  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          Map.entry("title", new String[] {"证据保管链报告", "Chain-of-custody report"}),
          Map.entry("export", new String[] {"导出编号", "Export"}),
          Map.entry("case", new String[] {"案件编号", "Case number"}),
          Map.entry("caseTitle", new String[] {"案件名称", "Case"}),
          Map.entry("purpose", new String[] {"用途", "Purpose"}),
          Map.entry("recipient", new String[] {"接收方", "Recipient"}),
          Map.entry("requested", new String[] {"申请", "Requested"}),
          Map.entry("approved", new String[] {"审批", "Approved"}),
          Map.entry("noApproval", new String[] {"本部署无需审批", "no approval required here"}),
          Map.entry("built", new String[] {"生成时间", "Built"}),
          Map.entry("checkpoint", new String[] {"审计检查点", "Audit checkpoint"}),
          Map.entry(
              "checkpointValue",
              new String[] {
                "树大小 %d（data/audit/checkpoint）", "tree size %d (data/audit/checkpoint)"
              }),
          Map.entry("result", new String[] {"核验结论", "Verification result"}),
          Map.entry(
              "resultValue",
              new String[] {
                "全部 %d 项证据在导出时通过核验，其中 %d 项附有签名回执",
                "all %d records passed the checks made while packaging, %d with a signed receipt"
              }),
          Map.entry(
              "times",
              new String[] {
                "本报告中的时间均为北京时间（UTC+8）。", "All times in this report are China Standard Time (UTC+8)."
              }),
          Map.entry("record", new String[] {"证据", "Record"}),
          Map.entry("kind", new String[] {"类别", "Kind"}),
          Map.entry("contentType", new String[] {"文件类型", "Content type"}),
          Map.entry("size", new String[] {"大小（字节）", "Size (bytes)"}),
          Map.entry("recorded", new String[] {"录制时间", "Recorded"}),
          Map.entry("ingested", new String[] {"入库时间", "Ingested"}),
          Map.entry("officer", new String[] {"执法人员", "Officer"}),
          Map.entry("device", new String[] {"执法记录仪", "Device"}),
          Map.entry("file", new String[] {"包内文件", "File in the package"}),
          Map.entry("reviewCopy", new String[] {"审阅副本", "Review copy"}),
          Map.entry("receipt", new String[] {"存证回执", "Receipt"}),
          Map.entry("signed", new String[] {"已签名并加盖时间戳", "signed and timestamped"}),
          Map.entry(
              "unsigned",
              new String[] {
                "导出时尚未签名（仅核验哈希）", "not signed yet when packaged (hashes checked only)"
              }),
          Map.entry("checks", new String[] {"导出时的核验", "Checks made while packaging"}),
          Map.entry("checkName", new String[] {"核验项", "Check"}),
          Map.entry("checkResult", new String[] {"结果", "Result"}),
          Map.entry("checkDetail", new String[] {"说明", "Detail"}),
          Map.entry("pass", new String[] {"通过", "pass"}),
          Map.entry("fail", new String[] {"未通过", "FAIL"}),
          Map.entry(
              "check.hashes",
              new String[] {
                "从存储读取的字节重新计算 SHA-256 与 SM3，与登记值一致",
                "SHA-256 and SM3 recomputed from the stored bytes equal the recorded ones"
              }),
          Map.entry(
              "check.receipt", new String[] {"回执内容与证据登记一致", "Receipt states the record's facts"}),
          Map.entry(
              "check.receiptCopy", new String[] {"对象存储中的回执副本一致", "Receipt copy in the store"}),
          Map.entry(
              "check.ecdsaSignature", new String[] {"ECDSA P-256 签名", "ECDSA P-256 signature"}),
          Map.entry("check.sm2Signature", new String[] {"SM2 签名", "SM2 signature"}),
          Map.entry("check.timestamp", new String[] {"RFC 3161 可信时间戳", "RFC 3161 timestamp"}),
          Map.entry("events", new String[] {"相关审计事件", "Audit events"}),
          Map.entry("when", new String[] {"时间", "When"}),
          Map.entry("who", new String[] {"操作者", "Who"}),
          Map.entry("what", new String[] {"事件", "What"}),
          Map.entry("where", new String[] {"来源地址", "From where"}),
          Map.entry("index", new String[] {"日志序号", "Log index"}),
          Map.entry("noEvents", new String[] {"无", "none"}),
          Map.entry("caseEvents", new String[] {"案件与导出的审计事件", "Events of the case and the export"}),
          Map.entry(
              "verify",
              new String[] {
                "每条审计事件在 data/audit/ 中附有到签名检查点的包含证明；" + "可用离线核验工具或 OpenSSL 独立核验本包（见 README）。",
                "Each audit event has an inclusion proof to the signed checkpoint in data/audit/;"
                    + " the package can be verified offline with the verifier or with OpenSSL (see"
                    + " the README)."
              }));

  static String html(
      Facts f, List<Map<String, Object>> records, Map<String, List<JsonNode>> eventsByTarget) {
    int l = f.english() ? 1 : 0;
    Export x = f.export();
    JsonNode dossier = f.dossier();
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"").append(f.english() ? "en" : "zh-CN").append("\">\n");
    h.append("<head><meta charset=\"utf-8\"><title>").append(label("title", l));
    h.append("</title>\n<style>body{font-family:\"Noto Sans CJK SC\",sans-serif;margin:2em}");
    h.append("table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px");
    h.append(" solid #999;padding:4px;text-align:left;font-size:90%;vertical-align:top}");
    h.append("th{width:14em;background:#f3f3f3}code{word-break:break-all}.fail{color:#b00;");
    h.append("font-weight:bold}h2{page-break-before:auto;margin-top:1.5em}");
    h.append("@media print{h2{page-break-inside:avoid}}</style></head>\n");
    h.append("<body>\n<h1>").append(label("title", l)).append("</h1>\n<table>\n");
    row(h, label("export", l), x.id().toString());
    row(h, label("case", l), text(dossier, "caseNo", x.caseId().toString()));
    row(h, label("caseTitle", l), text(dossier, "title", ""));
    row(h, label("purpose", l), x.purpose());
    row(h, label("recipient", l), x.recipient());
    row(
        h,
        label("requested", l),
        f.userName().apply(str(x.requestedBy())) + " · " + time(x.requestedAt()));
    row(
        h,
        label("approved", l),
        x.decidedBy() == null
            ? label("noApproval", l)
            : f.userName().apply(str(x.decidedBy()))
                + " · "
                + time(x.decidedAt())
                + (x.decisionReason() == null ? "" : " · " + x.decisionReason()));
    row(h, label("built", l), time(f.builtAt()));
    row(h, label("checkpoint", l), String.format(label("checkpointValue", l), f.auditTreeSize()));
    long signed = records.stream().filter(r -> r.get("receipt") != null).count();
    row(h, label("result", l), String.format(label("resultValue", l), records.size(), signed));
    h.append("</table>\n<p>").append(label("times", l)).append(' ');
    h.append(label("verify", l)).append("</p>\n");
    for (Map<String, Object> r : records) {
      record(h, l, f, r, eventsByTarget);
    }
    h.append("<h2>").append(label("caseEvents", l)).append("</h2>\n");
    List<JsonNode> caseEvents = new ArrayList<>();
    caseEvents.addAll(eventsByTarget.getOrDefault("case:" + x.caseId(), List.of()));
    caseEvents.addAll(eventsByTarget.getOrDefault("export:" + x.id(), List.of()));
    events(h, l, f, caseEvents);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void record(
      StringBuilder h,
      int l,
      Facts f,
      Map<String, Object> r,
      Map<String, List<JsonNode>> eventsByTarget) {
    String id = String.valueOf(r.get("evidenceId"));
    h.append("<h2>").append(label("record", l)).append(' ').append(esc(id)).append("</h2>\n");
    h.append("<table>\n");
    row(h, label("kind", l), str(r.get("kind")));
    row(h, label("contentType", l), str(r.get("contentType")));
    row(h, label("size", l), str(r.get("size")));
    row(h, label("recorded", l), time(r.get("recordedFrom")) + " — " + time(r.get("recordedTo")));
    row(h, label("ingested", l), time(r.get("ingestedAt")));
    row(h, label("officer", l), officer(f.dossier(), r.get("officerId")));
    row(h, label("device", l), str(r.get("deviceId")));
    row(h, label("file", l), str(r.get("path")));
    row(h, "SHA-256", str(r.get("sha256")));
    row(h, "SM3", str(r.get("sm3")));
    if (r.get("reviewCopy") instanceof Map<?, ?> copy) {
      row(
          h,
          label("reviewCopy", l),
          str(copy.get("path")) + " · SHA-256 " + str(copy.get("sha256")));
    }
    row(h, label("receipt", l), label(r.get("receipt") == null ? "unsigned" : "signed", l));
    h.append("</table>\n<h3>").append(label("checks", l)).append("</h3>\n<table>\n<tr><th>");
    h.append(label("checkName", l)).append("</th><th>").append(label("checkResult", l));
    h.append("</th><th>").append(label("checkDetail", l)).append("</th></tr>\n");
    check(h, l, "hashes", "pass", str(r.get("sha256")));
    if (r.get("verification") instanceof List<?> checks) {
      for (Object o : checks) {
        if (o instanceof VerificationService.Check c) {
          check(h, l, c.name(), c.status(), c.detail());
        }
      }
    }
    h.append("</table>\n");
    events(h, l, f, eventsByTarget.getOrDefault("evidence:" + id, List.of()));
  }

  private static void check(StringBuilder h, int l, String name, String status, String detail) {
    String key = "check." + name;
    boolean pass = "pass".equals(status);
    h.append("<tr><td>").append(esc(LABELS.containsKey(key) ? label(key, l) : name));
    h.append("</td><td").append(pass ? ">" : " class=\"fail\">");
    h.append(esc(pass ? label("pass", l) : label("fail", l)));
    h.append("</td><td><code>").append(esc(detail)).append("</code></td></tr>\n");
  }

  private static void events(StringBuilder h, int l, Facts f, List<JsonNode> events) {
    h.append("<h3>").append(label("events", l)).append("</h3>\n<table>\n<tr><th>");
    h.append(label("when", l)).append("</th><th>").append(label("who", l)).append("</th><th>");
    h.append(label("what", l)).append("</th><th>").append(label("where", l)).append("</th><th>");
    h.append(label("index", l)).append("</th></tr>\n");
    if (events.isEmpty()) {
      h.append("<tr><td colspan=\"5\">").append(label("noEvents", l)).append("</td></tr>\n");
    }
    for (JsonNode e : events) {
      JsonNode actor = e.path("actor");
      String kind = actor.path("kind").asText("");
      String actorId = actor.path("id").asText("");
      String who =
          (kind.equalsIgnoreCase("user") && !actorId.isEmpty()
                  ? f.userName().apply(actorId)
                  : kind + (actorId.isEmpty() ? "" : " " + actorId))
              + (e.hasNonNull("role") && !e.path("role").asText().equalsIgnoreCase(kind)
                  ? " (" + e.path("role").asText() + ")"
                  : "");
      h.append("<tr><td>").append(esc(time(e.path("time").asText(""))));
      h.append("</td><td>").append(esc(who));
      h.append("</td><td>").append(esc(e.path("type").asText("")));
      h.append("</td><td>").append(esc(actor.path("address").asText("")));
      h.append("</td><td>").append(esc(e.path("index").asText(""))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** The officer's name from the case facts, else the officer's id. */
  private static String officer(JsonNode dossier, Object officerId) {
    String id = str(officerId);
    for (JsonNode o : dossier.path("officers")) {
      if (o.path("id").asText("").equals(id)) {
        return o.path("name").asText(id) + " · " + id;
      }
    }
    return id;
  }

  /** A time as Beijing time, from an Instant or its ISO-8601 text; anything else as it is. */
  static String time(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant i) {
      return TIME.format(i);
    }
    String s = value.toString();
    try {
      return TIME.format(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return s;
    }
  }

  private static String text(JsonNode node, String field, String otherwise) {
    return node.hasNonNull(field) ? node.get(field).asText() : otherwise;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
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
