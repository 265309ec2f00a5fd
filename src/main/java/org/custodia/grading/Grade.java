package org.custodia.grading;

/** The four grades of a case-file review: 优秀 / 良好 / 合格 / 不合格. */
public enum Grade {
  EXCELLENT("优秀"),
  GOOD("良好"),
  PASS("合格"),
  FAIL("不合格");

  private final String chinese;

  Grade(String chinese) {
    this.chinese = chinese;
  }

  /** The grade as the regulation names it. */
  public String chinese() {
    return chinese;
  }
}
