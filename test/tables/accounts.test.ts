/**
 * The nine 部门决算 tables: recognition, checks and cross-table ties on the workbooks rebuilt from the
 * seeds' 第二部分 text (test/fixtures/final-accounts-00N.xlsx, see final-accounts.md), and on variants of
 * them (codes split over 类/款/项, amounts in 元, no 栏次 row, blank rows, stacked on one sheet).
 */
import * as fs from "fs";
import * as path from "path";
import { getProfile } from "../../src/rules/profiles";
import { findAccountsTables } from "../../src/tables/accounts";
import { cellAt, type Grid, type GridCell } from "../../src/tables/grid";
import { validateSheets } from "../../src/tables/validate";
import { FIXTURES, loadSheets } from "../helpers";

const NATIONAL = getProfile("national");
const DOCS = ["000", "001", "002"] as const;

async function validate(doc: string, edit?: (sheets: Array<{ name: string; grid: Grid }>) => void) {
  const sheets = await loadSheets(`final-accounts-${doc}.xlsx`);
  edit?.(sheets);
  return { sheets, v: validateSheets(sheets, NATIONAL) };
}

const all = (v: ReturnType<typeof validateSheets>) => v.sheets.flatMap((s) => s.result.findings.map((f) => ({ sheet: s.name, ...f })));

function setNumber(grid: Grid, row: number, col: number, value: number): void {
  const r = grid.cells[row - grid.top];
  const old = r[col - grid.left];
  const text = value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  r[col - grid.left] = { ...old, value, text } as GridCell;
}

describe.each(DOCS)("final-accounts-%s.xlsx", (doc) => {
  it("recognises the nine tables, one per sheet, and the 公开说明 text", async () => {
    const { v } = await validate(doc);
    const kinds = v.sheets.map((s) => s.result.tables.map((t) => t.kind).join(","));
    expect(kinds).toEqual([
      "income-expenditure-summary",
      "income",
      "expenditure",
      "fiscal-income-expenditure-summary",
      "general-budget-expenditure",
      "general-budget-basic-expenditure",
      "government-fund",
      "state-capital-operation",
      "three-public-expenses",
      "narrative",
    ]);
  });

  it("validates with zero error and zero warning findings (the text's own 0.01 舍位 differences are info)", async () => {
    const { v } = await validate(doc);
    const bad = all(v).filter((f) => f.severity !== "info");
    expect(bad).toEqual([]);
    // Besides 舍位 notes, only the blank 公开07/08表 (no such fund) say that there was nothing to check.
    for (const f of all(v)) {
      if (f.rule === "table.not-checked") expect(f.message).toMatch(/公开0[78]表各项金额均为空/);
      else expect(f.message).toMatch(/舍位|舍入/);
    }
    expect(v.sheets.reduce((n, s) => n + s.result.checks, 0)).toBeGreaterThan(250);
  });

  it("every figure the README calls stated appears in the 公开说明 sheet", async () => {
    const prov = JSON.parse(fs.readFileSync(path.join(FIXTURES, "final-accounts-provenance.json"), "utf8"))[doc] as Array<{
      text: string;
      how: string;
    }>;
    const { sheets } = await validate(doc);
    const text = sheets
      .find((s) => s.name === "公开说明")!
      .grid.cells.map((r) => r.map((c) => String(c.value ?? "")).join(""))
      .join("\n");
    const stated = prov.filter((p) => p.how === "stated");
    expect(stated.length).toBeGreaterThan(60);
    for (const p of stated) expect(text).toContain(`${p.text}万元`);
  });
});

describe("checks that catch a changed figure (000)", () => {
  it("a 项 of 05 changed by 1.00: 款 hierarchy error, row-sum error, and the table tie in the text", async () => {
    const { v } = await validate("000", (sheets) => {
      const g = sheets.find((s) => s.name.startsWith("公开05表"))!.grid;
      setNumber(g, 9, 2, 2300.8); // 2050302 中等职业教育 2,299.80 → 2,300.80
    });
    const f = all(v).filter((x) => x.severity === "error");
    expect(f.map((x) => `${x.rule}@${x.cell}`)).toEqual(
      expect.arrayContaining(["accounts.hierarchy@C9", "accounts.row-sum@C10", "narrative.table-tie@A24"]),
    );
    const h = f.find((x) => x.rule === "accounts.hierarchy")!;
    expect(h.message).toContain("20503 职业教育");
    expect(h.expected).toBe("20,289.04");
    expect(h.related).toEqual(["C10", "C11", "C12"]);
  });

  it("01 收入总计 ≠ 支出总计 is accounts.balance at the 支出 总计", async () => {
    const { v } = await validate("000", (sheets) => {
      const g = sheets[0].grid;
      setNumber(g, 35, 5, 26855.92);
    });
    const f = all(v).filter((x) => x.rule === "accounts.balance");
    expect(f).toHaveLength(1);
    expect(f[0].cell).toBe("F36");
    expect(f[0].message).toBe("复核：支出总计应等于收入总计 26,854.92，表列 26,855.92。");
  });

  it("06 人员经费合计 changed: the tie sits on 05 基本支出 合计 and names both 06 cells", async () => {
    const { v } = await validate("000", (sheets) => {
      const g = sheets.find((s) => s.name.startsWith("公开06表"))!.grid;
      setNumber(g, 5, 2, 11154.77);
    });
    const f = all(v).filter((x) => x.rule === "accounts.cross-table" && x.severity === "error");
    expect(f).toHaveLength(1);
    expect(f[0].sheet).toMatch(/^公开05表/);
    expect(f[0].cell).toBe("D7");
    expect(f[0].related).toEqual(["公开06表 一般公共预算财政拨款基本支出决算表!C6", "公开06表 一般公共预算财政拨款基本支出决算表!F6"]);
  });

  it("09 三公 决算 合计 off: accounts.three-public and the text's 三公 figure disagree", async () => {
    const { v } = await validate("001", (sheets) => {
      const g = sheets.find((s) => s.name.startsWith("公开09表"))!.grid;
      setNumber(g, 7, 6, 15.58); // 决算数 合计 14.58 → 15.58
    });
    const rules = all(v)
      .filter((x) => x.severity === "error")
      .map((x) => x.rule);
    expect(rules).toEqual(expect.arrayContaining(["accounts.three-public", "narrative.table-tie"]));
  });

  it("a negative amount is accounts.negative", async () => {
    const { v } = await validate("002", (sheets) => {
      const g = sheets.find((s) => s.name.startsWith("公开09表"))!.grid;
      setNumber(g, 7, 7, -1);
    });
    expect(all(v).some((x) => x.rule === "accounts.negative" && x.cell === "H8")).toBe(true);
  });

  it("07 年末 ≠ 年初 + 收入 − 支出 is a carry-over warning", async () => {
    const { v } = await validate("000", (sheets) => {
      const g = sheets.find((s) => s.name.startsWith("公开07表"))!.grid;
      setNumber(g, 6, 7, 3);
    });
    const f = all(v).find((x) => x.rule === "accounts.carry-over")!;
    expect(f.severity).toBe("warning");
    expect(f.cell).toBe("H7");
  });
});

/** Rewrites a subject table's grid with codes split over 类/款/项 columns and amounts in 元. */
function splitCodesAndYuan(g: Grid): Grid {
  const cells = g.cells.map((row, i) => {
    const code = String(row[0]?.value ?? "");
    const head = i === 3 ? ["类", "款", "项"] : i === 4 ? ["", "", ""] : /^\d{3,7}$/.test(code) ? [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)] : [String(row[0]?.value ?? ""), "", ""];
    const rest = row.slice(1).map((c) => {
      if (typeof c.value === "number" && i > 5) {
        const yuan = Math.round(c.value * 10000 * 100) / 100;
        return { value: yuan, text: yuan.toLocaleString("en-US", { minimumFractionDigits: 2 }), numberFormat: "#,##0.00" };
      }
      if (typeof c.value === "string" && /万元/.test(c.value)) return { ...c, value: c.value.replace("万元", "元"), text: c.text.replace("万元", "元") };
      return c;
    });
    return [...head.map((t) => ({ value: t === "" ? null : t, text: t, numberFormat: "General" })), ...rest];
  });
  return { top: 0, left: 0, cells, merges: [] };
}

describe("layout variants", () => {
  it("05 with codes split over 类/款/项 columns and amounts in 元: same lines; the 0.01 万元 舍位 residues become 100 元 errors", async () => {
    const sheets = await loadSheets("final-accounts-000.xlsx");
    const g05 = sheets.find((s) => s.name.startsWith("公开05表"))!.grid;
    const variant = splitCodesAndYuan(g05);
    const [t] = findAccountsTables(variant);
    expect(t.kind).toBe("general-budget-expenditure");
    expect(t.unit).toBe("元");
    expect(t.lines.filter((l) => l.code).map((l) => l.code)).toEqual(
      findAccountsTables(g05)[0].lines.filter((l) => l.code).map((l) => l.code),
    );
    const v = validateSheets([{ name: "05", grid: variant }], NATIONAL);
    const f = v.sheets[0].result.findings;
    // Same identities flagged as in the 万元 table (rows unchanged), but a table in 元 states exact figures:
    // a 100 元 difference is far beyond 舍位, so they are errors.
    const wan = validateSheets([{ name: "05", grid: g05 }], NATIONAL).sheets[0].result.findings;
    const key = (x: { rule: string; row: number }) => `${x.rule}@${x.row}`;
    expect(f.map(key).sort()).toEqual(wan.filter((x) => x.rule !== "accounts.cross-table").map(key).sort());
    expect(f.every((x) => x.severity === "error")).toBe(true);
    expect(f.find((x) => x.rule === "accounts.hierarchy")?.expected).toBe("202,880,400.00");
  });

  it("blank rows between blocks, no 栏次 row, and two tables stacked on one sheet", async () => {
    const sheets = await loadSheets("final-accounts-001.xlsx");
    const a = sheets.find((s) => s.name.startsWith("公开03表"))!.grid;
    const b = sheets.find((s) => s.name.startsWith("公开09表"))!.grid;
    const aRows = a.cells.filter((_, i) => i !== 5); // drop the 栏次 row
    aRows.splice(8, 0, [], []); // two blank rows inside the subject block
    const stacked: Grid = { top: 0, left: 0, cells: [...aRows, [], [], ...b.cells], merges: [] };
    const found = findAccountsTables(stacked);
    expect(found.map((t) => t.kind)).toEqual(["expenditure", "three-public-expenses"]);
    expect(found[0].lines.filter((l) => l.code)).toHaveLength(findAccountsTables(a)[0].lines.filter((l) => l.code).length);
    const v = validateSheets([{ name: "stacked", grid: stacked }], NATIONAL);
    expect(v.sheets[0].result.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(cellAt(stacked, found[1].range.top, 0).value).toMatch(/三公/);
  });

  it("a table without a 金额单位 line is read as 万元 with an info finding", async () => {
    const sheets = await loadSheets("final-accounts-002.xlsx");
    const g = sheets.find((s) => s.name.startsWith("公开09表"))!.grid;
    const cells = g.cells.map((r) => r.map((c) => (typeof c.value === "string" && /单位/.test(c.value) ? { ...c, value: null, text: "" } : c)));
    const v = validateSheets([{ name: "09", grid: { ...g, cells } }], NATIONAL);
    const f = v.sheets[0].result.findings.find((x) => x.rule === "accounts.unit");
    expect(f?.severity).toBe("info");
  });
});
