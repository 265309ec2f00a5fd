package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResultsCsvTest {

  @Test
  void cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(ResultsCsv.cell(formula)).as(formula).contains("'" + formula.charAt(0));
    }
    assertThat(ResultsCsv.cell("合格")).isEqualTo("合格");
    assertThat(ResultsCsv.cell("a-b")).isEqualTo("a-b");
    assertThat(ResultsCsv.cell(null)).isEmpty();
  }

  @Test
  void the_document_has_a_bom_and_parses_back_to_the_cells() {
    List<String> cells = Arrays.asList("1", "A,B", "说\"明\"", "两\r\n行", null, "=cmd|' /C calc'!A0");
    byte[] doc = ResultsCsv.write(List.of(cells));
    assertThat(Arrays.copyOf(doc, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    List<List<String>> rows =
        GradingCheck.parseCsv(new String(doc, 3, doc.length - 3, StandardCharsets.UTF_8));
    assertThat(rows.get(0)).isEqualTo(ResultsCsv.HEADERS);
    assertThat(rows.get(1))
        .containsExactly("1", "A,B", "说\"明\"", "两\r\n行", "", "'=cmd|' /C calc'!A0");
  }
}
