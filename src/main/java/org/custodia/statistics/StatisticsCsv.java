package org.custodia.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.compliance.FindingCount;
import org.custodia.dossier.YearFigures;
import org.custodia.grading.ResultsCsv;

/**
 * The statistics as CSV, in the spreadsheet format of {@link ResultsCsv} (UTF-8 with BOM, CRLF, RFC
 * 4180 quoting): a title line, then one section per figure — its name, a header line, its rows —
 * sections separated by an empty line. Chinese headers, English with lang=en.
 */
final class StatisticsCsv {
  private StatisticsCsv() {}

  static byte[] write(Statistics s, boolean english) {
    List<List<String>> out = new ArrayList<>();
    out.add(
        List.of(
            english ? "Enforcement statistics" : "执法统计年报",
            String.valueOf(s.year()),
            s.unitId() == null ? (english ? "district" : "全区") : s.unitId().toString(),
            s.provisional() ? (english ? "provisional" : "暂定") : "",
            s.generatedAt().toString()));
    section(out, english ? "Cases by type" : "案件（按类型）", english, s.casesByType());
    section(out, english ? "Cases by outcome" : "案件（按结果）", english, s.casesByOutcome());
    section(out, english ? "Decided cases by status" : "已决定案件（按状态）", english, s.decidedByStatus());
    section(out, english ? "Actions by type" : "执法行为（按类型）", english, s.actionsByType());
    header(
        out,
        english ? "Evidence by kind" : "证据（按类别）",
        english ? List.of("kind", "count", "bytes") : List.of("类别", "数量", "字节数"));
    for (Map.Entry<String, YearFigures.Tally> e : s.evidenceByKind().entrySet()) {
      out.add(List.of(e.getKey(), n(e.getValue().count()), n(e.getValue().bytes())));
    }
    Statistics.Recordings r = s.recordings();
    header(
        out,
        english ? "Recordings" : "录音录像",
        english
            ? List.of(
                "count", "bytes", "with duration", "duration unknown", "duration (ms)", "hours")
            : List.of("数量", "字节数", "已知时长", "时长不明", "时长（毫秒）", "时长（小时）"));
    out.add(
        List.of(
            n(r.count()),
            n(r.bytes()),
            n(r.probed()),
            n(r.durationUnknown()),
            n(r.durationMs()),
            String.valueOf(r.hours())));
    header(
        out,
        english ? "Documents" : "文书",
        english ? List.of("count", "bytes") : List.of("数量", "字节数"));
    out.add(List.of(n(s.documents().count()), n(s.documents().bytes())));
    header(
        out,
        english ? "Compliance findings by rule and severity" : "合规问题（按规则和严重程度）",
        english
            ? List.of("rule", "severity", "found", "acknowledged at year end", "open at year end")
            : List.of("规则", "严重程度", "发现", "年末已说明", "年末未解决"));
    for (FindingCount f : s.findings()) {
      out.add(List.of(f.rule(), f.severity(), n(f.found()), n(f.acknowledged()), n(f.open())));
    }
    section(out, english ? "Review grades" : "评查等次", english, s.grades());
    section(out, english ? "Disclosure timeliness" : "公示及时性", english, s.disclosure());
    header(
        out,
        english ? "Certificate states at year end" : "执法证状态（年末）",
        english ? List.of("unit", "state", "officers") : List.of("单位", "状态", "人数"));
    for (Map.Entry<UUID, Map<String, Long>> u : s.certificatesByUnit().entrySet()) {
      for (String state : Statistics.CERTIFICATE_STATES) {
        Long count = u.getValue().get(state);
        if (count != null) {
          out.add(List.of(u.getKey().toString(), state, n(count)));
        }
      }
    }
    header(
        out,
        english ? "Versions" : "版本",
        english ? List.of("item", "version") : List.of("项目", "版本"));
    out.add(List.of("complianceRules", s.versions().complianceRules()));
    out.add(List.of("disclosureRules", s.versions().disclosureRules()));
    s.versions()
        .calendarYears()
        .forEach((year, revision) -> out.add(List.of("calendar " + year, n(revision))));
    return ResultsCsv.document(out);
  }

  private static String n(long v) {
    return String.valueOf(v);
  }

  private static void header(List<List<String>> out, String title, List<String> columns) {
    out.add(List.of());
    out.add(List.of(title));
    out.add(columns);
  }

  private static void section(
      List<List<String>> out, String title, boolean english, Map<String, Long> counts) {
    header(out, title, english ? List.of("key", "count") : List.of("项目", "数量"));
    counts.forEach((k, v) -> out.add(List.of(k, n(v))));
  }
}
