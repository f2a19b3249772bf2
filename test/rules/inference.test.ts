/**
 * Profile inference and the cross-checks on the real seed tables (000–003), judged under `auto`.
 * The fit figures are measured on the fixtures and kept here as regression values; the closing note of
 * the "Scoring profiles" issue explains every row they leave unexplained.
 */
import type { Finding } from "../../src/rules/types";
import type { Grid } from "../../src/tables/grid";
import { findTables } from "../../src/tables/find";
import { validateGrid, type ValidationResult } from "../../src/tables/validate";
import * as fs from "fs";
import { NATIONAL, type ScoringProfile } from "../../src/rules/profiles";
import { CANDIDATE_OPTIONS, fitOf, inferProfiles, rowTable, scoredRows, type Fit } from "../../src/rules/inference";
import { FIXTURES, loadGrid, loadSheets } from "../helpers";

const grids: Record<string, Grid> = {};
const auto: Record<string, ValidationResult> = {};

beforeAll(async () => {
  for (const id of ["000", "001", "002", "003"]) {
    grids[id] = await loadGrid(`self-evaluation-${id}.xlsx`);
    auto[id] = validateGrid(grids[id], "auto");
  }
});

/** A copy of the grid with one cell's text (and value) replaced. */
function edit(grid: Grid, row: number, col: number, text: string): Grid {
  const cells = grid.cells.map((r) => r.slice());
  const r = row - grid.top;
  const c = col - grid.left;
  const value = text === "" ? null : Number.isNaN(Number(text)) ? text : Number(text);
  cells[r][c] = { value, text, numberFormat: "General" };
  return { ...grid, cells };
}

function sum(r: ValidationResult, kind?: string) {
  const ts = r.tables.filter((t) => !kind || t.kind === kind);
  return {
    off: ts.reduce((a, t) => a + t.offTargetRows, 0),
    explained: ts.reduce((a, t) => a + t.offTargetExplained, 0),
  };
}

describe("fit of the inferred profiles on 000–002 (rows with r ≠ 100%)", () => {
  test.each([
    ["000", 108, 106],
    ["001", 26, 26],
    ["002", 13, 13],
  ])("%s: %i scored rows off target, %i explained by their table's profile", (id, off, explained) => {
    expect(sum(auto[id])).toEqual({ off, explained });
  });

  test("at least 99% over the project tables of 000–002, 98.6% with the two unit tables", () => {
    const all = ["000", "001", "002"].map((id) => sum(auto[id]));
    const projects = ["000", "001", "002"].map((id) => sum(auto[id], "project-self-evaluation"));
    const share = (xs: Array<{ off: number; explained: number }>) =>
      xs.reduce((a, x) => a + x.explained, 0) / xs.reduce((a, x) => a + x.off, 0);
    expect(share(projects)).toBeGreaterThanOrEqual(0.99);
    expect(share(all)).toBeCloseTo(145 / 147, 4);
  });

  test("the stated scores no profile reproduces are exactly the two known rows, each an error", () => {
    const unexplained = ["000", "001", "002"].flatMap((id) =>
      auto[id].findings.filter((f) => f.unexplained).map((f) => `${id} ${f.cell} ${f.stated}`),
    );
    // H10: unit table, 99.96% executed, 9.9 (every rule gives 9.99–10.00);
    // I429: 学生满意度 97.24% of ≥100%, full 15. (I95, 研究成果验收达标 =100% of =100% scored 0, is not
    // recomputed: its note says 等待审核中, so its actual is taken for the plan — indicator.actual-suspect.)
    expect(unexplained.sort()).toEqual(["000 H10 9.9", "000 I429 15"].sort());
    for (const id of ["000", "001", "002"]) {
      for (const f of auto[id].findings.filter((x) => x.unexplained)) expect(f.severity).toBe("error");
    }
  });

  test("the same rows are flagged as unexplained under national too", () => {
    const national = validateGrid(grids["000"], NATIONAL);
    expect(
      national.findings
        .filter((f) => f.unexplained)
        .map((f) => f.cell)
        .sort(),
    ).toEqual(["H10", "I429"].sort());
  });
});

describe("auto judges each table under its own rule", () => {
  test("000 「昌吉职业技术学院信息化标杆校建设项目资金」 follows threshold-60-deviation: 9.82 and 9.8 are not errors", () => {
    const r = auto["000"];
    const i = r.recognised.findIndex((t) => t.title === "昌吉职业技术学院信息化标杆校建设项目资金");
    expect(r.tables[i]).toMatchObject({
      inferredProfile: "threshold-60-deviation",
      judgedUnder: "threshold-60-deviation",
    });
    expect(r.tables[i].explainedRows).toBe(r.tables[i].scoredRows);
    const errors = r.findings.filter((f) => f.table === i && f.severity === "error");
    expect(errors).toEqual([]);
  });

  test("a score that breaks the table's own rule is an error naming the exception (000 unit table, 学生就业率)", () => {
    const t = auto["000"].recognised[0];
    const row = t.indicators.find((x) => x.name === "学生就业率")!;
    // 96.61% of ≥95%: the three other rows above target are capped at W; score this one with the penalty.
    const r = validateGrid(edit(grids["000"], row.score!.row, row.score!.col, "19.66"), "auto");
    const f = r.findings.find((x) => x.row === row.score!.row && x.col === row.score!.col)!;
    expect(f).toMatchObject({ rule: "indicator.score", severity: "error", stated: "19.66", expected: "20.00" });
    expect(f.unexplained).toBeUndefined();
    expect(f.message).toMatch(/本表其余得分遵循「.*」（\d+\/\d+ 项吻合），此项例外。$/);
  });

  test("a non-national profile is named with its departures in the note", () => {
    const f = auto["000"].findings.find((x) => x.rule === "indicator.completion-rate" && x.severity === "error")!;
    expect(f.message).toMatch(/规则：本表识别口径 .*〔偏离国家口径：/);
  });
});

describe("profile.mixed", () => {
  function mixed(r: ValidationResult): Finding[] {
    return r.findings.filter((f) => f.rule === "profile.mixed");
  }
  test("000 names the two budget-execution groups: threshold-60 (7 tables) and full at ≥ 95% (8 tables)", () => {
    const f = mixed(auto["000"]).find((x) => x.message.includes("预算执行得分"))!;
    expect(f.severity).toBe("warning");
    expect(f.formula).toBe("执行率 ≥ 95% 得满分 8 张；60%阈值：分值 × (执行率 − 60%) / 40% 7 张");
    expect(f.message).toContain("执行率 ≥ 95% 得满分 8 张");
    expect(f.message).toContain("60%阈值：分值 × (执行率 − 60%) / 40% 7 张");
    expect(f.message).toContain("第2表「昌吉职业技术学院信息化标杆校建设项目…」");
    // It sits on the evidence cell of the first table of the smaller group: that table's budget score.
    const t = auto["000"].recognised[1];
    expect([f.row, f.col]).toEqual([t.fund!.score!.row, t.fund!.score!.col]);
  });
  test("is the same under national (the inference does not depend on the selection)", () => {
    const national = validateGrid(grids["000"], NATIONAL);
    expect(mixed(national).map((f) => f.formula)).toEqual(mixed(auto["000"]).map((f) => f.formula));
  });
  test("003 follows one rule throughout: no profile.mixed", () => {
    expect(mixed(auto["003"])).toEqual([]);
  });
  test("the groups come from evidence only: tables at 100% everywhere join no group", () => {
    const fit = inferProfiles(findTables(grids["000"]));
    const budget = fit.mixed.find((m) => m.dimension === "budgetExecution")!;
    const grouped = budget.groups.flatMap((g) => g.tables);
    expect(grouped).toHaveLength(15);
    for (const i of grouped) expect(fit.tables[i].evidence.budgetExecution).toBeDefined();
  });
});

describe("table.execution-vs-output", () => {
  test("fires on 003 「“一中心两平台”和电子督学项目」: nothing spent, all 7 outputs reported as met", () => {
    const r = auto["003"];
    const fs = r.findings.filter((f) => f.rule === "table.execution-vs-output");
    expect(fs).toHaveLength(1);
    const t = r.recognised[fs[0].table];
    expect(t.title).toBe("“一中心两平台”和电子督学项目");
    expect(fs[0]).toMatchObject({ severity: "warning", category: "reading", row: t.fund!.total!.executed!.row });
    // One root cause, one finding: every indicator is scored 0 while its actual repeats its target.
    expect(fs[0].message).toMatch(
      /^复核：全年执行数为 0，全部 14 项指标得分均为 0，而业绩值与目标值相同（「业务系统（套）」、/,
    );
    // The 14 score errors and 13 empty-note warnings that follow from it are listed as info.
    const rows = r.findings.filter(
      (f) => f.table === fs[0].table && (f.rule === "indicator.score" || f.rule === "indicator.deviation-note"),
    );
    expect(rows.length).toBeGreaterThanOrEqual(27);
    expect(rows.every((f) => f.severity === "info" && f.category === "reading")).toBe(true);
  });
  test("does not fire on the unexecuted 003 tables whose outputs report 0 (普通话测试站建设资金 …)", () => {
    const t = auto["003"].recognised.findIndex((x) => x.title === "普通话测试站建设资金");
    expect(auto["003"].findings.filter((f) => f.table === t && f.rule === "table.execution-vs-output")).toEqual([]);
  });
  test.each(["000", "001", "002"])("fires on no table of %s", (id) => {
    expect(auto[id].findings.filter((f) => f.rule === "table.execution-vs-output")).toEqual([]);
  });
});

describe("indicator.over-achievement", () => {
  const title = "2024年中央现代职业教育质量提升计划资金-1+X证书制度试点项目专项资金";
  test("no warning when 偏差原因 is filled (000 培训学生人数, 135.73%)", () => {
    expect(auto["000"].findings.filter((f) => f.rule === "indicator.over-achievement")).toEqual([]);
  });
  test("a warning at the actual when 偏差原因 is emptied (000 「…1+X证书制度试点项目专项资金」 培训学生人数)", () => {
    const t = auto["000"].recognised.find((x) => x.title === title)!;
    const row = t.indicators.find((x) => x.name === "培训学生人数")!;
    const r = validateGrid(edit(grids["000"], row.deviationNote!.row, row.deviationNote!.col, ""), NATIONAL);
    const f = r.findings.filter((x) => x.rule === "indicator.over-achievement");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", row: row.actual!.row, col: row.actual!.col, expected: "< 120%" });
    expect(f[0].message).toBe(
      "复核：「培训学生人数」完成率 135.73%（= 2173 / 1601 = 135.73%），超出目标 120% 以上，但未填写偏差原因分析及改进措施。",
    );
  });
  test("a reverse row far under its ceiling is not over-achievement", () => {
    // 624.9 of ≤630: r < 1 anyway; and ≤ rows are skipped by direction.
    const t = auto["000"].recognised.find((x) => x.title === "昌吉职业技术学院信息化标杆校建设项目资金")!;
    const row = t.indicators.find((x) => x.name === "信息网络及软件购置更新")!;
    const r = validateGrid(edit(grids["000"], row.actual!.row, row.actual!.col, "=100万元"), NATIONAL);
    expect(r.findings.filter((x) => x.rule === "indicator.over-achievement")).toEqual([]);
  });
});

describe("rowTable: a fit is computed once for the options it did not read (issue 17)", () => {
  test("on every scored row of every fixture, the same fits as trying each combination on a plain profile", async () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx") && !f.startsWith("final-accounts"));
    let rows = 0;
    const kinds = new Set<string>();
    for (const file of files) {
      for (const { grid } of await loadSheets(file)) {
        for (const t of findTables(grid)) {
          for (const row of scoredRows(t)) {
            const sizes = row.dims.map((d) => CANDIDATE_OPTIONS[d].length);
            const n = sizes.reduce((a, b) => a * b, 1);
            const plain: Fit[] = [];
            for (let k = 0; k < n; k++) {
              const p: Record<string, unknown> = { ...NATIONAL };
              let x = k;
              row.dims.forEach((d, i) => {
                p[d] = CANDIDATE_OPTIONS[d][x % sizes[i]].value;
                x = Math.floor(x / sizes[i]);
              });
              plain.push(fitOf(row, p as unknown as ScoringProfile));
            }
            expect(rowTable(row)).toEqual(plain);
            rows++;
            kinds.add(row.dims.join(","));
          }
        }
      }
    }
    // The fixtures hold every kind of row: budget, below and above target, reverse, qualitative, direct.
    expect(rows).toBeGreaterThan(300);
    expect([...kinds].sort()).toEqual(
      [
        "",
        "aboveTarget,rounding",
        "belowTarget,rounding",
        "budgetExecution,rounding",
        "qualitativeBands,rounding",
        "reverse,belowTarget,aboveTarget,rounding",
      ].sort(),
    );
  });
});

describe("a row's fit under its table's inferred profile (issue 17: indicator.score trusts it)", () => {
  test("on every fixture, each row's fit is what the inferred profile itself gives", async () => {
    // indicator.score skips recomputing a row the inference reproduced from the figures under the very
    // profile the table is judged under: that holds only if the fit is that profile's, which this checks.
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx") && !f.startsWith("final-accounts"));
    let figures = 0;
    let others = 0;
    for (const file of files) {
      for (const { grid } of await loadSheets(file)) {
        const tables = findTables(grid);
        const fit = inferProfiles(tables);
        tables.forEach((t, k) => {
          const rows = scoredRows(t);
          expect(fit.tables[k].rows.map((r) => r.cell)).toEqual(rows.map((r) => r.cell));
          rows.forEach((row, i) => {
            const via = fit.tables[k].rows[i].via;
            expect(fitOf(row, fit.tables[k].profile)).toBe(via);
            if (via === "figures") figures++;
            else others++;
          });
        });
      }
    }
    expect(figures).toBeGreaterThan(200);
    expect(others).toBeGreaterThan(10);
  });
});
