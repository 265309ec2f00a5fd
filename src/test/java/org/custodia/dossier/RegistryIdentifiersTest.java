package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RegistryIdentifiersTest {
  static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

  @Test
  void accepts_the_example_numbers_published_with_the_standards() {
    // GB 11643-1999 example; a commonly published business-licence code
    assertThat(Identifiers.residentIdProblem("11010519491231002X", TODAY)).isNull();
    assertThat(Identifiers.usccProblem("91350100M000100Y43")).isNull();
  }

  @RepeatedTest(50)
  void accepts_generated_codes_and_rejects_them_with_another_check_character() {
    String uscc = Codes.uscc();
    assertThat(Identifiers.usccProblem(uscc)).isNull();
    assertThat(Identifiers.usccProblem(Codes.wrongCheck(uscc, Codes.USCC_CHARS)))
        .contains("check character");
    String id = Codes.residentId();
    assertThat(Identifiers.residentIdProblem(id, TODAY)).isNull();
    assertThat(Identifiers.residentIdProblem(Codes.wrongCheck(id, "0123456789X"), TODAY))
        .contains("check digit");
  }

  @Test
  void rejects_resident_id_numbers_with_an_impossible_or_future_birth_date() {
    String feb30 = "11010519850230123";
    assertThat(Identifiers.residentIdProblem(feb30 + Codes.residentIdCheck(feb30), TODAY))
        .contains("not a date");
    String future = "11010520300101123";
    assertThat(Identifiers.residentIdProblem(future + Codes.residentIdCheck(future), TODAY))
        .contains("out of range");
  }

  @Test
  void rejects_codes_with_letters_the_standard_excludes_or_the_wrong_length() {
    assertThat(Identifiers.usccProblem("91110105MA0000000I")).contains("without I");
    assertThat(Identifiers.usccProblem("9111010")).contains("18 characters");
    assertThat(Identifiers.residentIdProblem("1101051985010112", TODAY)).contains("17 digits");
  }

  @Test
  void masks_all_but_the_first_and_last_four_characters() {
    assertThat(Identifiers.mask("11010519491231002X")).isEqualTo("1101**********002X");
  }
}
