package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.compliance.Finding;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every detail the rule engine can write has its sentence in both languages, naming each of its
 * values (the pages render them; CompliancePagesTest shows two of them in Chromium).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComplianceDetailTextTest {
  private static final Pattern CASE =
      Pattern.compile("\\{#is '([a-z-]+)'\\}(.*?)(?=\\{#is '|\\{#else\\})");

  @Test
  void every_detail_code_has_a_sentence_in_chinese_and_in_english_naming_its_values()
      throws Exception {
    for (String language : List.of("zh-CN", "en")) {
      Properties p = new Properties();
      try (InputStream in =
          getClass().getResourceAsStream("/messages/compliance_" + language + ".properties")) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      String template = p.getProperty("detailText");
      assertThat(template).as(language).isNotNull();
      // the outer #when's cases (a nested #when of a status is part of its case's text)
      java.util.Map<String, String> cases = new java.util.HashMap<>();
      Matcher m = CASE.matcher(template);
      while (m.find()) {
        cases.putIfAbsent(m.group(1), m.group(2));
      }
      Finding.Detail.CODES.forEach(
          (code, count) -> {
            assertThat(cases).as(language + ": a sentence for " + code).containsKey(code);
            for (int i = 0; i < count; i++) {
              assertThat(cases.get(code))
                  .as(language + " " + code + " names value " + i)
                  .contains("args.get(" + i + ")");
            }
            if (language.equals("zh-CN")) {
              assertThat(cases.get(code)).as(code).matches("(?s).*\\p{IsHan}.*");
            }
          });
    }
  }
}
