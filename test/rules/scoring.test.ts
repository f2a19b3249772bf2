/**
 * The national profile on rows taken from the seed documents. Each test name cites the seed file and
 * the table's 项目名称.
 */
import { Decimal } from "../../src/rules/decimal";
import { compareRatio } from "../../src/rules/compare";
import { parseMeasure } from "../../src/rules/parse";
import { NATIONAL, getProfile } from "../../src/rules/profiles";
import {
  budgetExecutionScore,
  completionRateReadings,
  evaluateIndicator,
  executionRate,
  expectedIndicatorScore,
  roundScore,
} from "../../src/rules/scoring";
import { parsePercent } from "../../src/rules/parse";

function score(weight: string, target: string, actual: string, rule?: string): string {
  const e = evaluateIndicator(parseMeasure({ text: target }, 2024), parseMeasure({ text: actual }, 2024));
  const x = expectedIndicatorScore(new Decimal(weight), e, rule, NATIONAL);
  if (x.kind === "exact") return x.value.toFixed(2);
  if (x.kind === "band") return `${x.min.toFixed(2)}–${x.max.toFixed(2)}`;
  return `unknown:${x.reason}`;
}

describe("指标得分 under national (seed rows)", () => {
  test.each([
    [
      "000 昌吉职业技术学院信息化标杆校建设项目资金 / 采购数字化校园相关软件",
      "20",
      ">=13套",
      "=13套",
      "按照完成比例赋分",
      "20.00",
    ],
    [
      "000 昌吉职业技术学院信息化标杆校建设项目资金 / 项目完成时间 (deadline missed)",
      "10",
      "=2024年12月10日前",
      "2025年5月",
      "直接赋分",
      "0.00",
    ],
    [
      "000 昌吉职业技术学院信息化标杆校建设项目资金 / 信息网络及软件购置更新 (≤630 met by 624.9)",
      "10",
      "<=630万元",
      "=624.9万元",
      "按照完成比例赋分",
      "10.00",
    ],
    [
      "000 昌吉职业技术学院信息化标杆校建设项目资金 / 提升学院信息化水平 (graded)",
      "20",
      "明显提升",
      "达到预期指标",
      "按评判等级赋分",
      "16.00–20.00",
    ],
    ["000 昌吉职业技术学院信息化标杆校建设项目资金 / 师生满意度", "10", ">=90%", "=95%", "满意度赋分", "10.00"],
    [
      "000 高校学生伙食补助资金 / 补助发放时限 (missed: 0 is right)",
      "10",
      "2024年12月10日前",
      "2025年2月26日",
      "直接赋分",
      "0.00",
    ],
    ["000 2022年自治区科技计划专项资金 / 研究成果验收达标", "8", "=100%", "=100%", "按照完成比例赋分", "8.00"],
    [
      "000 2022年自治区科技计划专项资金 / 项目完成时间 (met on the day)",
      "6",
      "2024年12月20日前",
      "2024年12月20日",
      "直接赋分",
      "6.00",
    ],
    ["000 单位整体 昌吉职业技术学院 / 建成自治区级一流核心课程 (1 of ≥2)", "10", ">=2个", "1个", undefined, "5.00"],
    [
      "000 单位整体 昌吉职业技术学院 / 完成各类培训 (28664 of ≥15000)",
      "20",
      ">=15000人",
      "28664人",
      undefined,
      "20.00",
    ],
    ["003 福建专家团队线上培训工作经费 / 培训任务完成率", "15", "=100%", "=100%", undefined, "15.00"],
    ["003 福建专家团队线上培训工作经费 / 社会效益 提高 → 100%", "15", "提高", "100%", undefined, "12.00–15.00"],
    ["003 普通话测试站建设资金 / 普通话测试站（个） 1 → 0", "5", "1", "0", undefined, "0.00"],
    ["003 普通话测试站建设资金 / 提高我州普通话水平 → 0 (not achieved)", "30", "提高", "0", undefined, "0.00–18.00"],
  ])("%s", (_name, w, target, actual, rule, expected) => {
    expect(score(w, target, actual, rule)).toBe(expected);
  });

  test.each([
    ["reverse row exceeded: (2 − 700/630) × 10", "10", "<=630万元", "700万元", "8.89"],
    ["reverse row at twice the ceiling: 0", "10", "<=630万元", "1260万元", "0.00"],
    ["positive row far above target: capped at W", "10", ">=90%", "99%", "10.00"],
    ["positive row below target: W × B / A", "20", ">=90%", "45%", "10.00"],
    ["units differ: no recomputation", "10", ">=1次", "=1%", "unknown:units-differ"],
    [
      "qualitative actual that says nothing: cannot recompute",
      "10",
      "明显提升",
      "有所变化",
      "unknown:qualitative-unknown",
    ],
  ])("%s", (_name, w, target, actual, expected) => {
    expect(score(w, target, actual)).toBe(expected);
  });
});

describe("完成率 readings (rules-reference §2 identity 6)", () => {
  const rate = (target: string, actual: string, stated: string) => {
    const e = evaluateIndicator(parseMeasure({ text: target }, 2024), parseMeasure({ text: actual }, 2024));
    const s = parsePercent({ text: stated });
    if (s.kind !== "percent") throw new Error("bad stated");
    return compareRatio(s, completionRateReadings(e)).verdict;
  };
  test("000 信息化标杆校 / 信息网络及软件购置更新: 99.19% = 624.9 / 630", () =>
    expect(rate("<=630万元", "=624.9万元", "99.19%")).toBe("agree"));
  test("000 信息化标杆校 / 信息网络及软件购置更新: 100% when the ceiling is met is accepted", () =>
    expect(rate("<=630万元", "=624.9万元", "100%")).toBe("accepted"));
  test("000 信息化标杆校 / 师生满意度: a capped 100% for 95 of ≥90 is accepted (info)", () =>
    expect(rate(">=90%", "=95%", "100%")).toBe("accepted"));
  test("000 2022年自治区科技计划专项资金 / 研究成果验收达标: 0% for =100% of =100% disagrees", () =>
    expect(rate("=100%", "=100%", "0%")).toBe("disagree"));
  test("000 高校学生伙食补助资金 / 补助发放时限: 0% for a missed deadline agrees", () =>
    expect(rate("2024年12月10日前", "2025年2月26日", "0%")).toBe("agree"));
  test("an uncapped 135.73% is legal", () => expect(rate(">=100人", "135.73人", "135.73%")).toBe("agree"));
  test("one unit of the last digit off is rounding", () => expect(rate(">=90%", "95%", "105.55%")).toBe("rounding"));
});

describe("执行率 and 预算执行得分", () => {
  test("000 昌吉职业技术学院信息化标杆校建设项目资金: 694.90 / 700.00 = 99.27%, 得分 9.93", () => {
    const r = executionRate(new Decimal("700.00"), new Decimal("694.90"))!;
    expect(r.mul(100).toDecimalPlaces(2).toFixed(2)).toBe("99.27");
    const s = budgetExecutionScore(new Decimal(10), new Decimal("700.00"), new Decimal("694.90"), NATIONAL)!;
    expect(roundScore(s.value, NATIONAL).toFixed(2)).toBe("9.93");
    expect(s.formula).toBe("分值 10 × 执行数 694.90 / 预算数 700.00");
  });
  test("001 单位整体 昌吉回族自治州教育局: 2,902.41 / 2,971.92 = 97.66%, 得分 9.77", () => {
    const s = budgetExecutionScore(new Decimal(10), new Decimal("2971.92"), new Decimal("2902.41"), NATIONAL)!;
    expect(roundScore(s.value, NATIONAL).toFixed(2)).toBe("9.77");
  });
  test("execution above 100% is capped at the full 分值", () => {
    const s = budgetExecutionScore(new Decimal(10), new Decimal("100"), new Decimal("120"), NATIONAL)!;
    expect(s.value.toFixed(2)).toBe("10.00");
  });
  test("a zero budget cannot give a rate", () => {
    expect(executionRate(new Decimal(0), new Decimal(0))).toBeNull();
  });
});

describe("profiles", () => {
  test("national is the only preset and unknown ids are refused", () => {
    expect(getProfile("national")).toBe(NATIONAL);
    expect(() => getProfile("nope")).toThrow(/Known profiles: national/);
  });
  test("profiles are JSON data", () => {
    expect(JSON.parse(JSON.stringify(NATIONAL))).toEqual(NATIONAL);
  });
});
