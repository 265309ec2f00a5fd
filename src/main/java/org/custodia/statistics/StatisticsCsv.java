package org.custodia.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    section(out, english ? "Decided cases by status" : "已决定案件（按状态）", english, s.decidedByStatus());
    section(out, english ? "Actions by type" : "执法行为（按类型）", english, s.actionsByType());
    out.add(List.of());
    out.add(List.of(english ? "Evidence by kind" : "证据（按类别）"));
    out.add(english ? List.of("kind", "count", "bytes") : List.of("类别", "数量", "字节数"));
    for (Map.Entry<String, YearFigures.Tally> e : s.evidenceByKind().entrySet()) {
      out.add(
          List.of(
              e.getKey(),
              String.valueOf(e.getValue().count()),
              String.valueOf(e.getValue().bytes())));
    }
    return ResultsCsv.document(out);
  }

  private static void section(
      List<List<String>> out, String title, boolean english, Map<String, Long> counts) {
    out.add(List.of());
    out.add(List.of(title));
    out.add(english ? List.of("key", "count") : List.of("项目", "数量"));
    counts.forEach((k, v) -> out.add(List.of(k, String.valueOf(v))));
  }
}
