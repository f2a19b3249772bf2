/**
 * The domain defects of the "Findings an auditor can trust" issue, each on a real seed row or a hand edit
 * of one: reverse rows scored as positive, the over-achievement threshold as a profile setting, the
 * half-open qualitative bands, and presets that rest only on practice saying so.
 */
import { compareScore } from "../../src/rules/compare";
import { Decimal } from "../../src/rules/decimal";
import { parseMeasure } from "../../src/rules/parse";
import { NATIONAL, PROFILES, profileFromJson, profileLabel, restsOnPractice } from "../../src/rules/profiles";
import { evaluateIndicator, expectedIndicatorScore } from "../../src/rules/scoring";
import type { Grid } from "../../src/tables/grid";
import { validateGrid, validateSheets, type ValidationResult } from "../../src/tables/validate";
import { loadGrid, loadSheets } from "../helpers";

let grid000: Grid;
let auto000: ValidationResult;
beforeAll(async () => {
  grid000 = await loadGrid("self-evaluation-000.xlsx");
  auto000 = validateGrid(grid000, "auto");
});

describe("indicator.reverse-as-positive: a met ceiling that lost points is a warning under every profile", () => {
  test("000 「信息网络及软件购置更新」 ≤630万元 met by 624.9万元, scored 9.8 of 10: warned under auto too", () => {
    const f = auto000.findings.filter((x) => x.rule === "indicator.reverse-as-positive");
    expect(f.map((x) => x.cell)).toContain("I35");
    const i35 = f.find((x) => x.cell === "I35")!;
    expect(i35).toMatchObject({ severity: "warning", category: "rule", stated: "9.8", expected: "10.00", formula: "624.9 ≤ 630" });
    expect(i35.message).toBe(
      "复核：「信息网络及软件购置更新」为反向指标（<=630万元），实际 =624.9万元 已达成（624.9 ≤ 630），却只得 9.8（权重 10）：按正向指标以 B / A 计分，节约反而失分。完成指标值的应记全部分值。",
    );
    // Under auto the table's own rule scores ≤ rows as positive, so the score itself is no error there.
    expect(auto000.findings.filter((x) => x.cell === "I35" && x.severity === "error")).toEqual([]);
  });
  test("13 such rows in 000, none in 002 and 003", async () => {
    expect(auto000.findings.filter((x) => x.rule === "indicator.reverse-as-positive")).toHaveLength(13);
    for (const id of ["002", "003"]) {
      const r = validateGrid(await loadGrid(`self-evaluation-${id}.xlsx`), NATIONAL);
      expect(r.findings.filter((x) => x.rule === "indicator.reverse-as-positive")).toEqual([]);
    }
  });
});

describe("the over-achievement threshold is a profile setting (1.2 unless the profile says otherwise)", () => {
  const title = "2024年中央现代职业教育质量提升计划资金-1+X证书制度试点项目专项资金";
  function emptied(): Grid {
    const t = auto000.recognised.find((x) => x.title === title)!;
    const row = t.indicators.find((x) => x.name === "培训学生人数")!;
    const cells = grid000.cells.map((r) => r.slice());
    cells[row.deviationNote!.row - grid000.top][row.deviationNote!.col - grid000.left] = { value: null, text: "", numberFormat: "General" };
    return { ...grid000, cells };
  }
  test("培训学生人数 at 135.73% with its note emptied: warned at 120%, not at 140%", () => {
    const at12 = validateGrid(emptied(), NATIONAL).findings.filter((f) => f.rule === "indicator.over-achievement");
    expect(at12).toHaveLength(1);
    expect(at12[0].message).toContain("超出目标 120% 以上");
    const p14 = profileFromJson({ id: "province-140", overAchievementAt: 1.4 });
    expect(validateGrid(emptied(), p14).findings.filter((f) => f.rule === "indicator.over-achievement")).toEqual([]);
    const p13 = profileFromJson({ id: "province-130", overAchievementAt: 1.3 });
    const at13 = validateGrid(emptied(), p13).findings.filter((f) => f.rule === "indicator.over-achievement");
    expect(at13).toHaveLength(1);
    expect(at13[0].message).toContain("超出目标 130% 以上");
  });
  test("a threshold at or below 100% is refused by name", () => {
    expect(() => profileFromJson({ overAchievementAt: 1 })).toThrow(/overAchievementAt/);
  });
});

describe("qualitative bands are half-open: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%)", () => {
  const expect10 = (actual: string) =>
    expectedIndicatorScore(new Decimal(10), evaluateIndicator(parseMeasure({ text: "明显提升" }), parseMeasure({ text: actual })), "按评判等级赋分", NATIONAL);
  test.each([
    ["部分达成预期", "6.00", "agree"],
    ["部分达成预期", "7.99", "agree"],
    ["部分达成预期", "8.00", "disagree"], // 80% belongs to 达成
    ["未达成", "5.99", "agree"],
    ["未达成", "6.00", "disagree"], // 60% belongs to 部分达成
    ["达到预期指标", "10.00", "agree"],
    ["达到预期指标", "8.00", "agree"],
  ])("%s, stated %s: %s", (actual, stated, verdict) => {
    const exp = expect10(actual);
    expect(exp.kind).toBe("band");
    expect(compareScore({ kind: "number", value: new Decimal(stated), decimals: 2 }, exp).verdict).toBe(verdict);
  });
});

describe("presets that rest only on observed practice say so", () => {
  test("threshold-60-deviation: source, label; national does not", () => {
    const p = PROFILES["threshold-60-deviation"];
    expect(restsOnPractice(p)).toBe(true);
    expect(p.source).toMatch(/^各地实践，无国家公式/);
    expect(profileLabel(p).zh).toMatch(/；各地实践，无国家公式〕$/);
    expect(restsOnPractice(NATIONAL)).toBe(false);
    expect(profileLabel(NATIONAL).zh).not.toMatch(/各地实践/);
  });
});

describe("the ties a table's text still hides", () => {
  test("table.text-tie: 000 「2024年昌吉州教育项目州本级配套…」 text 736人 against 「体检教职工人数」 =608人 (the target)", () => {
    const f = auto000.findings.filter((x) => x.rule === "table.text-tie");
    const h318 = f.find((x) => x.cell === "H318")!;
    expect(h318).toMatchObject({ severity: "warning", category: "arithmetic", formula: "736人 ≠ =608人", expected: "=608人" });
    expect(h318.message).toBe("复核：实际完成情况写「共惠及教职工736人」，而指标「体检教职工人数」业绩值为 =608人（文字所写为目标值），两者不符。");
    // The 11 differences of 000, each checked by hand against its row.
    expect(f.map((x) => x.cell).sort()).toEqual(["H110", "H195", "H318", "H338", "H380", "H442", "H483", "H503", "H671", "H733", "H836"].sort());
  });
  test("a figure two rows name equally well is not tied to either (002 “进位之星”6个, 自治区级 and 自治州级)", async () => {
    const r = validateGrid(await loadGrid("self-evaluation-002.xlsx"), NATIONAL);
    expect(r.findings.filter((x) => x.rule === "table.text-tie")).toEqual([]);
  });
  test("table.cost-sum: 000 has two tables whose cost items cover the budget but not the amount executed", () => {
    const f = auto000.findings.filter((x) => x.rule === "table.cost-sum");
    expect(f.map((x) => [x.cell, x.expected])).toEqual([
      ["E832", "12.53"],
      ["E961", "32.71"],
    ]);
    expect(f[0].message).toBe("复核：成本指标的目标值合计等于全年预算数（12.78 万元），其业绩值合计为 12.53 万元（= 3.65 + 8.79 + 0.09），与全年执行数 12.78 不符。");
  });
  test("a hand-edited cost actual is caught: 信息化标杆校 「专用设备购置」 =70万元 → =75万元 no longer adds up to 全年执行数 694.90", () => {
    expect(auto000.findings.filter((x) => x.rule === "table.cost-sum" && x.fields.executed === "694.90")).toEqual([]);
    const cells = grid000.cells.map((r) => r.slice());
    cells[35 - grid000.top][6 - grid000.left] = { value: "=75万元", text: "=75万元", numberFormat: "General" };
    const r = validateGrid({ ...grid000, cells }, "auto");
    const f = r.findings.filter((x) => x.rule === "table.cost-sum");
    expect(f.map((x) => [x.messageId, x.fields.actuals, x.fields.terms, x.fields.executed])).toContainEqual([
      "costSum",
      "699.9",
      "624.9 + 75",
      "694.90",
    ]);
  });
  test("a hand-edited actual is caught: 体检教职工人数 =736人 makes the text tie hold", () => {
    const t = auto000.recognised.find((x) => x.indicators.some((r) => r.name === "体检教职工人数"))!;
    const row = t.indicators.find((r) => r.name === "体检教职工人数")!;
    const cells = grid000.cells.map((r) => r.slice());
    cells[row.actual!.row - grid000.top][row.actual!.col - grid000.left] = { value: "=736人", text: "=736人", numberFormat: "General" };
    const r = validateGrid({ ...grid000, cells }, "auto");
    expect(r.findings.filter((x) => x.rule === "table.text-tie" && x.cell === "H318")).toEqual([]);
  });
});

describe("the text against the tables it speaks of", () => {
  test("table.text-tie, fund part: the unit table's text 总预算执行率为99.96% against its cell; an edit to 99.69% is caught", () => {
    const unit = auto000.recognised.find((t) => t.kind === "unit-self-evaluation")!;
    const cell = unit.achievedText!;
    expect(cell.text).toContain("总预算执行率为99.96%");
    expect(auto000.findings.filter((f) => f.rule === "table.text-tie" && f.row === cell.row && f.col === cell.col)).toEqual([]);
    const cells = grid000.cells.map((r) => r.slice());
    const edited = cell.text.replace("99.96%", "99.69%");
    cells[cell.row - grid000.top][cell.col - grid000.left] = { value: edited, text: edited, numberFormat: "General" };
    const r = validateGrid({ ...grid000, cells }, "auto");
    const f = r.findings.filter((x) => x.rule === "table.text-tie" && x.row === cell.row && x.col === cell.col);
    expect(f.map((x) => x.message)).toEqual(["复核：实际完成情况写「预算执行率为99.69%」，而本表执行率为 99.96%，两者不符。"]);
  });

  test("公开说明 ↔ the self-evaluation tables of the workbook: 000 and 001 agree; 002 counts 20 projects for 19 tables (2,139.50 against 2,098.02)", async () => {
    for (const [id, disagree] of [
      ["000", 0],
      ["001", 0],
      ["002", 1],
    ] as const) {
      const sheets = [...(await loadSheets(`self-evaluation-${id}.xlsx`)), ...(await loadSheets(`final-accounts-${id}.xlsx`))];
      const v = validateSheets(sheets, NATIONAL);
      const found = v.sheets.flatMap((s) => s.result.findings).filter((f) => f.rule === "narrative.table-tie" && /绩效自评表/.test(f.message));
      expect(found).toHaveLength(disagree);
      if (disagree) {
        expect(found[0].message).toBe(
          "复核：说明中「预算绩效评价项目20个，全年预算数2,139.50万元，全年执行数2,139.50万元」与工作簿中的项目支出绩效自评表不一致：说明称项目支出绩效自评表 20 个，工作簿中有 19 个；全年预算数合计应为 2,098.02 万元（各表之和），说明写 2,139.50 万元；全年执行数合计应为 2,098.02 万元（各表之和），说明写 2,139.50 万元。",
        );
      }
    }
  });
});
