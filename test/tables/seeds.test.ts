/**
 * The real seed tables (test/fixtures/self-evaluation-00N.xlsx, built from ../shared/seeds by
 * scripts/build-fixtures.ts): every table found with the right kind, and the findings the foundation
 * issue names, at the right cells.
 */
import { NATIONAL, strictProfile } from "../../src/rules/profiles";
import type { SelfEvaluationTable } from "../../src/rules/types";
import { toA1 } from "../../src/rules/address";
import { validateGrid, type ValidationResult } from "../../src/tables/validate";
import { loadGrid } from "../helpers";

const results: Record<string, ValidationResult> = {};

beforeAll(async () => {
  for (const id of ["000", "001", "002", "003"]) {
    results[id] = validateGrid(await loadGrid(`self-evaluation-${id}.xlsx`), NATIONAL);
  }
});

function table(id: string, title: string): { t: SelfEvaluationTable; index: number } {
  const index = results[id].recognised.findIndex((x) => x.title === title);
  if (index < 0) throw new Error(`table ${title} not found in ${id}`);
  return { t: results[id].recognised[index], index };
}

function findingsAt(id: string, row: number, col: number) {
  return results[id].findings.filter((f) => f.row === row && f.col === col);
}

describe("all 118 tables of 000–003 are found with the right kind and layout", () => {
  test.each([
    ["000", 1, 47, "2024"],
    ["001", 1, 16, "2024"],
    ["002", 1, 19, "2024"],
    ["003", 0, 17, "2020"],
  ])("%s: %i unit + %i project (%s layout)", (id, units, projects, layout) => {
    const r = results[id];
    expect(r.status).toBe("ok");
    expect(r.tables.filter((t) => t.kind === "unit-self-evaluation").length).toBe(units);
    expect(r.tables.filter((t) => t.kind === "project-self-evaluation").length).toBe(projects);
    expect(r.tables.filter((t) => t.kind === "project-self-evaluation").every((t) => t.layout === layout)).toBe(true);
    expect(r.tables.filter((t) => t.kind === "unit-self-evaluation").every((t) => t.layout === "unit")).toBe(true);
  });

  test("every project table has a fund block, indicators and a 总分 row", () => {
    for (const id of ["000", "001", "002", "003"]) {
      for (const t of results[id].recognised.filter((x) => x.kind === "project-self-evaluation")) {
        expect(t.fund?.total?.label).toBe("年度资金总额");
        expect(t.indicators.length).toBeGreaterThanOrEqual(3);
        expect(t.total?.weight?.text).toMatch(/^(100|90)$/); // 003 has one 总分 row stating 90
        expect(t.total?.score?.text).toMatch(/^\d+(\.\d+)?分?$/);
      }
    }
  });

  test("000 单位整体: 部门资金 block with 上级/本级/其他 and 合计, six indicators", () => {
    const { t } = table("000", "昌吉职业技术学院");
    expect(t.kind).toBe("unit-self-evaluation");
    expect(t.fund?.parts.map((p) => p.label)).toEqual(["上级资金", "本级资金", "其他资金"]);
    expect(t.fund?.total?.label).toBe("合计");
    expect(t.fund?.rate?.text).toBe("99.96%");
    expect(t.indicators.map((r) => r.name)).toEqual([
      "开设“1+x”证书制度试点",
      "承办技能大赛",
      "建成自治区级一流核心课程或精品在线开放课程",
      "完成各类培训",
      "1+x证书学生获证率",
      "学生就业率",
    ]);
  });

  test("001 单位整体: 执行率 and 得分 stated on the first row (97.66% / 9.77) are found and agree", () => {
    const { t, index } = table("001", "昌吉回族自治州教育局");
    expect(t.fund?.rate?.text).toBe("97.66%");
    expect(t.fund?.score?.text).toBe("9.77");
    const f = results["001"].findings.filter((x) => x.table === index && x.rule.startsWith("fund."));
    expect(f).toEqual([]);
  });
});

describe("000 under national: the scores the table's own rule gives are one 口径差异, not per-cell errors", () => {
  test("昌吉职业技术学院信息化标杆校建设项目资金: budget 得分 9.82 against 9.93 is listed as a rule difference (info)", () => {
    const { t } = table("000", "昌吉职业技术学院信息化标杆校建设项目资金");
    const cell = t.fund!.score!;
    const f = findingsAt("000", cell.row, cell.col).filter((x) => x.rule === "fund.score");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "fund.score", severity: "info", category: "rule", stated: "9.82", expected: "9.93", cell: toA1(cell.row, cell.col) });
    expect(f[0].formula).toBe("分值 10 × 执行数 694.90 / 预算数 700.00");
    // The note, then what the inference adds: the table's own rule gives 9.82.
    expect(f[0].message).toBe(
      "复核（口径差异）：预算执行得分应为 9.93（= 分值 10 × 执行数 694.90 / 预算数 700.00），表列 9.82，差 −0.11。规则：国家口径（财预〔2020〕10号）。按本表识别的口径「60%阈值+偏离度扣分」可得出表列得分。",
    );
  });

  test("same table: one profile.departs warning at its title, with the rules that differ and the 总分 under the chosen rule", () => {
    const { t, index } = table("000", "昌吉职业技术学院信息化标杆校建设项目资金");
    const departs = results["000"].findings.filter((x) => x.table === index && x.rule === "profile.departs");
    expect(departs).toHaveLength(1);
    expect(departs[0]).toMatchObject({ severity: "warning", category: "rule", row: t.titleCell!.row, col: t.titleCell!.col, stated: "89.62分", expected: "89.93" });
    expect(departs[0].message).toMatch(/^复核（口径差异）：本表得分遵循「60%阈值\+偏离度扣分」，与所选「国家口径（财预〔2020〕10号）」不同：预算执行得分按「60%阈值/);
    expect(departs[0].message).toContain("按所选口径，本表总分应为 89.93（表列 89.62分）");
    // Every departing row is listed as info of category rule; none is an error.
    const rows = results["000"].findings.filter((x) => x.table === index && x.category === "rule" && x.severity === "info");
    expect(rows.map((x) => [x.cell, x.severity])).toEqual(rows.map((x) => [x.cell, "info"]));
    expect(rows.length).toBe(2); // 9.82 → 9.93 and 9.8 → 10.00: 89.62 + 0.11 + 0.20 = 89.93
  });

  test("000 in all: 45 rows are rule differences (25 tables), and the arithmetic errors are the hand-checked ones", () => {
    const all = results["000"].findings;
    expect(all.filter((x) => x.category === "rule" && x.severity === "info").length).toBe(45);
    expect(all.filter((x) => x.rule === "profile.departs").length).toBe(25);
    expect(all.filter((x) => x.severity === "error").map((x) => `${x.cell} ${x.rule}`)).toEqual([
      "H10 fund.score",
      "H118 indicator.completion-rate",
      "I429 indicator.score",
      "H430 indicator.completion-rate",
      "H699 indicator.completion-rate",
    ]);
  });

  test("national-strict keeps the per-cell error: 信息网络及软件购置更新 指标得分 9.8, expected 10 (≤630万元 met by 624.9万元)", async () => {
    const strict = validateGrid(await loadGrid("self-evaluation-000.xlsx"), strictProfile(NATIONAL));
    const { t } = table("000", "昌吉职业技术学院信息化标杆校建设项目资金");
    const row = t.indicators.find((r) => r.name === "信息网络及软件购置更新")!;
    const f = strict.findings.filter((x) => x.row === row.score!.row && x.col === row.score!.col);
    expect(f.map((x) => [x.rule, x.severity, x.category, x.stated, x.expected])).toEqual([
      ["indicator.score", "error", "arithmetic", "9.8", "10.00"],
      // A met ceiling that lost points: a warning under every profile.
      ["indicator.reverse-as-positive", "warning", "rule", "9.8", "10.00"],
    ]);
    expect(strict.findings.some((x) => x.rule === "profile.departs")).toBe(false);
    // Its 完成率 99.19% = 624.9 / 630 is right: no finding there.
    expect(strict.findings.filter((x) => x.row === row.completionRate!.row && x.col === row.completionRate!.col)).toEqual([]);
  });

  test("研究成果验收达标: the actual =100% repeats the target while the note says 等待审核中: the plan, not a result", () => {
    const { t } = table("000", "2022年自治区科技计划专项资金");
    const row = t.indicators.find((r) => r.name === "研究成果验收达标")!;
    expect([row.target?.text, row.actual?.text]).toEqual(["=100%", "=100%"]);
    // Stated 完成率 0% and 得分 0 are not compared with a "met" row: one warning at the actual instead.
    expect(findingsAt("000", row.completionRate!.row, row.completionRate!.col)).toEqual([]);
    expect(findingsAt("000", row.score!.row, row.score!.col)).toEqual([]);
    const f = findingsAt("000", row.actual!.row, row.actual!.col);
    expect(f.map((x) => [x.rule, x.severity, x.category])).toEqual([["indicator.actual-suspect", "warning", "reading"]]);
    expect(f[0].message).toBe(
      "复核：「研究成果验收达标」实际完成值疑为计划值：实际完成值与目标值相同，但偏差说明写有「等待」。未按达成复核完成率和得分，请核实实际完成情况。",
    );
  });

  test("003 H44, H67, H222: an actual 2021-12-30 in a 2020 table is the planned date, not an error of the score", () => {
    const r = results["003"];
    for (const cell of ["H44", "H67", "H222"]) expect(r.findings.filter((f) => f.cell === cell)).toEqual([]);
    expect(r.findings.filter((f) => ["F44", "F67", "F222"].includes(f.cell)).map((f) => `${f.cell} ${f.rule} ${f.severity}`)).toEqual([
      "F44 indicator.actual-suspect warning",
      "F67 indicator.actual-suspect warning",
      "F222 indicator.actual-suspect warning",
    ]);
    // 2121.12.31 against a 2020 table: a typing error, said once.
    expect(r.findings.find((f) => f.cell === "F295")?.message).toMatch(/2121\.12\.31 的年份与评价年度 2020 相差过大/);
  });

  test("003 H292: a blank 得分 on a row with weight 10 is missing, not a silent 0", () => {
    const f = results["003"].findings.filter((x) => x.cell === "H292");
    expect(f.map((x) => [x.rule, x.severity, x.category])).toEqual([["indicator.score-missing", "warning", "missing"]]);
  });

  test("高校学生伙食补助资金 / 补助发放时限: deadline missed, 0% and 0 are right, nothing flagged", () => {
    const { t } = table("000", "高校学生伙食补助资金");
    const row = t.indicators.find((r) => r.name === "补助发放时限")!;
    expect(row.scoringRule).toBe("直接赋分");
    const cells = [row.completionRate!, row.score!, row.deviationNote!, row.target!, row.actual!];
    for (const c of cells) expect(findingsAt("000", c.row, c.col)).toEqual([]);
  });

  test("every finding names its rule, cell, stated, formula and the profile", () => {
    for (const f of results["000"].findings) {
      expect(f.profile).toBe("national");
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      if (f.severity === "error") {
        expect(f.expected).not.toBe("");
        expect(f.formula).not.toBe("");
        expect(f.message).toMatch(/^复核/);
      }
    }
  });
});

describe("real mistakes in the other documents", () => {
  test("003 信息技术类: 年度资金总额 21.2785 is not 21.2758 + 0 + 0 (fund.sum error, both columns)", () => {
    const f = results["003"].findings.filter((x) => x.rule === "fund.sum");
    expect(f.map((x) => [x.stated, x.expected, x.severity])).toEqual([
      ["21.2785", "21.2758", "error"],
      ["21.2785", "21.2758", "error"],
    ]);
  });
  test("003: a 总分 row stating 90 while the weights add up to 100 (table.weight-sum)", () => {
    const f = results["003"].findings.filter((x) => x.rule === "table.weight-sum");
    expect(f).toHaveLength(1);
    expect(f[0].stated).toBe("90");
  });
  test("003: the typo 100%% becomes a warning with its address, not a crash", () => {
    const f = results["003"].findings.filter((x) => x.rule === "cell.unreadable");
    expect(f.map((x) => [x.stated, x.severity])).toEqual([["100%%", "warning"]]);
  });
});
