/**
 * The finder on invented layouts: tables anywhere on the sheet, side by side, columns in another order,
 * merged cells; plus the empty-sheet and no-table statuses.
 */
import { NATIONAL } from "../../src/rules/profiles";
import { findTables } from "../../src/tables/find";
import { gridFromTexts, type Area, type Grid } from "../../src/tables/grid";
import { validateGrid } from "../../src/tables/validate";
import { loadGrid } from "../helpers";

/** A small 2024-layout table (rows of 000's 信息化标杆校 table), with its merges relative to (0,0). */
function projectTable(name: string, budgetScore: string, swapColumns = false): { rows: string[][]; merges: Area[] } {
  const header = ["", "一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分", "指标值设定依据", "上年完成情况", "赋分规则", "佐证资料", "偏差原因分析及改进措施"];
  const body = [
    ["年度绩效指标完成情况", "产出指标", "数量指标", "采购数字化校园相关软件", "20", ">=13套", "=13套", "100%", "20", "计划标准", "/", "按照完成比例赋分", "工作资料", ""],
    ["", "", "成本指标", "信息网络及软件购置更新", "10", "<=630万元", "=624.9万元", "99.19%", "9.8", "计划标准", "/", "按照完成比例赋分", "原始凭证", "结余"],
    ["", "效益指标", "社会效益指标", "提升学院信息化水平", "60", "明显提升", "达到预期指标", "100%", "60", "计划标准", "/", "按评判等级赋分", "工作资料", ""],
  ];
  const order = header.map((_, i) => i);
  if (swapColumns) [order[5], order[6], order[7], order[8]] = [order[8], order[7], order[6], order[5]];
  const pick = (r: string[]) => order.map((i) => r[i]);
  const rows = [
    ["项目支出绩效自评表", ...Array(13).fill("")],
    ["(2024年度)", ...Array(13).fill("")],
    ["项目名称", name, ...Array(12).fill("")],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ...Array(6).fill("")],
    ["", "年度资金总额", "700.00", "700.00", "694.90", "10", "99.27%", budgetScore, ...Array(6).fill("")],
    ["", "其中：当年财政拨款", "700.00", "700.00", "694.90", "—", "—", "—", ...Array(6).fill("")],
    ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—", ...Array(6).fill("")],
    pick(header),
    ...body.map(pick),
    ["总分", "", "", "", "100", "", "", "", "99.62分", "", "", "", "", ""],
  ];
  const merges: Area[] = [
    { top: 0, left: 0, bottom: 0, right: 13 },
    { top: 2, left: 1, bottom: 2, right: 13 },
    { top: 3, left: 0, bottom: 6, right: 0 },
    { top: 8, left: 0, bottom: 10, right: 0 },
    { top: 8, left: 1, bottom: 9, right: 1 },
    { top: 11, left: 0, bottom: 11, right: 3 },
  ];
  return { rows, merges };
}

/** Places tables on one grid at the given offsets. */
function sheet(parts: Array<{ rows: string[][]; merges: Area[]; top: number; left: number }>, gridTop = 0, gridLeft = 0): Grid {
  const height = Math.max(...parts.map((p) => p.top + p.rows.length));
  const width = Math.max(...parts.map((p) => p.left + 14));
  const texts = Array.from({ length: height }, () => Array(width).fill(""));
  const merges: Area[] = [];
  for (const p of parts) {
    p.rows.forEach((r, i) => r.forEach((t, j) => (texts[p.top + i][p.left + j] = t)));
    for (const m of p.merges) {
      merges.push({ top: gridTop + p.top + m.top, left: gridLeft + p.left + m.left, bottom: gridTop + p.top + m.bottom, right: gridLeft + p.left + m.right });
    }
  }
  return gridFromTexts(texts, gridTop, gridLeft, merges);
}

describe("findTables on invented layouts", () => {
  test("a table starting at D5 of a used range that starts at B3", () => {
    const a = projectTable("甲项目", "9.82");
    const grid = sheet([{ ...a, top: 2, left: 2 }], 2, 1);
    const tables = findTables(grid);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ kind: "project-self-evaluation", layout: "2024", title: "甲项目", year: 2024 });
    expect(tables[0].range).toEqual({ top: 4, left: 3, bottom: 15, right: 16 });
    const r = validateGrid(grid, NATIONAL);
    const budget = r.findings.find((f) => f.rule === "fund.score")!;
    expect(budget.cell).toBe("K9"); // 得分 column of the fund block, row of 年度资金总额
  });

  test("two tables side by side and one below, each with its own findings", () => {
    const a = projectTable("甲项目", "9.82");
    const b = projectTable("乙项目", "9.93");
    const c = projectTable("丙项目", "9.93");
    const grid = sheet([
      { ...a, top: 0, left: 0 },
      { ...b, top: 0, left: 15 },
      { ...c, top: 14, left: 0 },
    ]);
    const r = validateGrid(grid, NATIONAL);
    expect(r.tables.map((t) => [t.title, t.range])).toEqual([
      ["甲项目", "A1:N12"],
      ["乙项目", "P1:AC12"],
      ["丙项目", "A15:N26"],
    ]);
    const budgetFindings = r.findings.filter((f) => f.rule === "fund.score");
    expect(budgetFindings.map((f) => [f.table, f.stated])).toEqual([[0, "9.82"]]);
    // The cost row 9.8 of ≤630 met is flagged in each table.
    expect(r.findings.filter((f) => f.rule === "indicator.score").map((f) => f.table)).toEqual([0, 1, 2]);
  });

  test("columns found by header text, in any order", () => {
    const swapped = projectTable("甲项目", "9.93", true);
    const t = findTables(sheet([{ ...swapped, top: 0, left: 0 }]))[0];
    const row = t.indicators.find((x) => x.name === "信息网络及软件购置更新")!;
    expect([row.target?.text, row.actual?.text, row.completionRate?.text, row.score?.text]).toEqual(["<=630万元", "=624.9万元", "99.19%", "9.8"]);
    expect(row.level1).toBe("产出指标"); // carried down from the merged cell
  });

  test("merged cells hold their value in the top-left cell only", () => {
    const a = projectTable("甲项目", "9.93");
    const grid = sheet([{ ...a, top: 0, left: 0 }]);
    // Fill the covered cells of the block label with junk: the finder must ignore them.
    grid.cells[4][0] = { value: "项目资金（万元）", text: "项目资金（万元）", numberFormat: "General" };
    const t = findTables(grid)[0];
    expect(t.fund?.rows.map((r) => r.label)).toEqual(["年度资金总额", "当年财政拨款", "其他资金"]);
  });

  test("an empty sheet and a sheet without a disclosure table get their own status", () => {
    expect(validateGrid(gridFromTexts([]), NATIONAL).status).toBe("empty-sheet");
    expect(validateGrid(gridFromTexts([["", " "]]), NATIONAL).status).toBe("empty-sheet");
    expect(validateGrid(gridFromTexts([["姓名", "金额"], ["张三", "100"]]), NATIONAL).status).toBe("no-table");
  });

  test("the bundled sample (document 001) holds 17 tables", async () => {
    const grid = await loadGrid(require("path").join(__dirname, "..", "..", "assets", "samples", "sample.xlsx"));
    expect(findTables(grid)).toHaveLength(17);
  });
});
