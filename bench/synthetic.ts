/**
 * Synthetic workbooks for the benchmark, generated from the real seed tables (test/fixtures):
 * - `projectSheet(n)`: n project/unit self-evaluation tables stacked on one sheet, cycling through every
 *   table of self-evaluation-000…003, with about 3% of the numeric cells perturbed by 1–9%;
 * - `accountsSheets(subjectRows)`: the nine 部门决算 tables of final-accounts-000 (plus its 公开说明), with the
 *   subject lines of 公开02/03/05表 repeated under new 类 codes until the three tables hold `subjectRows`
 *   subject lines between them; each 合计 row is re-added so that the tables stay internally consistent,
 *   then about 1% of the amounts are perturbed.
 * The generator is deterministic (a seeded PRNG), so two runs measure the same workbooks.
 */
import ExcelJS from "exceljs";
import { toA1 } from "../src/rules/address";
import { findTables } from "../src/tables/find";
import type { Area, Grid, GridCell } from "../src/tables/grid";
import { displayText } from "../src/tables/format";
import { loadSheets } from "../test/helpers";

/** mulberry32: a small seeded PRNG, uniform on [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SourceTable {
  cells: GridCell[][];
  merges: Area[];
}

const SELF_EVALUATION = ["self-evaluation-000.xlsx", "self-evaluation-001.xlsx", "self-evaluation-002.xlsx", "self-evaluation-003.xlsx"];

/** Every self-evaluation table of the seeds: its cells (range rows, from column A) and merges, relative to its top. */
export async function seedTables(): Promise<SourceTable[]> {
  const out: SourceTable[] = [];
  for (const file of SELF_EVALUATION) {
    const { grid } = (await loadSheets(file))[0];
    for (const t of findTables(grid)) {
      const a = t.range;
      const cells = grid.cells.slice(a.top - grid.top, a.bottom - grid.top + 1).map((r) => r.slice(0, a.right + 1));
      const merges = grid.merges
        .filter((m) => m.top >= a.top && m.bottom <= a.bottom)
        .map((m) => ({ top: m.top - a.top, bottom: m.bottom - a.top, left: m.left, right: m.right }));
      out.push({ cells, merges });
    }
  }
  return out;
}

/** A cell with its numeric value changed by 1–9% up or down, shown under its own format. */
function perturbed(cell: GridCell, rnd: () => number): GridCell {
  const v = cell.value as number;
  const factor = 1 + (rnd() < 0.5 ? -1 : 1) * (0.01 + 0.08 * rnd());
  const value = Math.round(v * factor * 100) / 100;
  return { value, text: displayText(value, cell.numberFormat), numberFormat: cell.numberFormat };
}

/** Copies a block of cells into `out` at row `top`, perturbing numeric cells with probability `p`. */
function place(out: Grid, top: number, t: SourceTable, rnd: () => number, p: number): void {
  t.cells.forEach((row, i) => {
    out.cells[top + i] = row.map((c) => (typeof c.value === "number" && c.value !== 0 && rnd() < p ? perturbed(c, rnd) : c));
  });
  for (const m of t.merges) out.merges.push({ ...m, top: m.top + top, bottom: m.bottom + top });
}

/**
 * One sheet with `n` self-evaluation tables stacked one blank row apart (about 15 indicator rows each).
 * Output: a Grid whose top-left is A1.
 */
export function projectSheet(sources: SourceTable[], n: number, seed = 1): Grid {
  const rnd = prng(seed);
  const grid: Grid = { top: 0, left: 0, cells: [], merges: [] };
  let row = 0;
  for (let i = 0; i < n; i++) {
    const t = sources[i % sources.length];
    place(grid, row, t, rnd, 0.03);
    row += t.cells.length;
    grid.cells[row++] = [];
  }
  return grid;
}

const CODE = /^\d{3}(\d{2}){0,2}$/;

/** Repeats the subject lines of one accounts table under new 类 codes until it has `target` lines. */
function growSubjects(grid: Grid, target: number, rnd: () => number): Grid {
  const codeRows = grid.cells.map((r, i) => (CODE.test(String(r[0]?.text ?? "").trim()) ? i : -1)).filter((i) => i >= 0);
  if (codeRows.length === 0) return grid;
  const first = codeRows[0];
  const last = codeRows[codeRows.length - 1];
  const body = grid.cells.slice(first, last + 1);
  const used = new Set(body.map((r) => String(r[0].text).trim().slice(0, 3)));
  const blocks: GridCell[][][] = [];
  for (const r of body) {
    const code = String(r[0].text).trim();
    if (code.length === 3) blocks.push([]);
    blocks[blocks.length - 1]?.push(r);
  }
  const extra: GridCell[][] = [];
  let next = 300;
  for (let b = 0; body.length + extra.length < target; b++) {
    while (used.has(String(next))) next++;
    if (next > 999) break;
    const cls = String(next++);
    for (const r of blocks[b % blocks.length]) {
      const code = cls + String(r[0].text).trim().slice(3);
      extra.push([{ value: code, text: code, numberFormat: "@" }, ...r.slice(1)]);
    }
  }
  const cells = [...grid.cells.slice(0, last + 1), ...extra, ...grid.cells.slice(last + 1)];
  const merges = grid.merges.map((m) => (m.top > last ? { ...m, top: m.top + extra.length, bottom: m.bottom + extra.length } : m));
  // 合计 = the sum of the 类 lines, column by column, in cents.
  const total = cells.findIndex((r, i) => i < first && String(r[0]?.text ?? "").replace(/\s/g, "") === "合计");
  if (total >= 0) {
    cells[total] = cells[total].map((c, col) => {
      if (typeof c.value !== "number") return c;
      let cents = 0;
      for (const r of cells) if (CODE.test(String(r[0]?.text ?? "").trim()) && String(r[0].text).trim().length === 3) cents += Math.round(Number(r[col]?.value ?? 0) * 100) || 0;
      const value = cents / 100;
      return { value, text: displayText(value, c.numberFormat), numberFormat: c.numberFormat };
    });
  }
  const out: Grid = { top: 0, left: 0, cells: [], merges };
  out.cells = cells.map((r) => r.map((c) => (typeof c.value === "number" && c.value !== 0 && rnd() < 0.01 ? perturbed(c, rnd) : c)));
  return out;
}

/**
 * The nine 部门决算 tables of final-accounts-000 (one per sheet, plus 公开说明), with `subjectRows` subject
 * lines spread over 公开02表, 公开03表 and 公开05表. Output: [{name, grid}] in workbook order.
 */
export async function accountsSheets(subjectRows: number, seed = 1): Promise<Array<{ name: string; grid: Grid }>> {
  const rnd = prng(seed);
  const sheets = await loadSheets("final-accounts-000.xlsx");
  const grown = new Set(["公开02表", "公开03表", "公开05表"]);
  const per = Math.ceil(subjectRows / grown.size);
  return sheets.map((s) => ({
    name: s.name,
    grid: [...grown].some((g) => s.name.startsWith(g)) ? growSubjects(s.grid, per, rnd) : s.grid,
  }));
}

/** Subject lines (cells in column A holding a 科目编码) over all sheets. */
export function subjectLines(sheets: Array<{ grid: Grid }>): number {
  return sheets.reduce((n, s) => n + s.grid.cells.filter((r) => CODE.test(String(r[0]?.text ?? "").trim())).length, 0);
}

/** Indicator rows (rows under 一级指标 with a 三级指标 text) of the project sheet: counted by the finder. */
export function indicatorRows(grid: Grid): number {
  return findTables(grid).reduce((n, t) => n + t.indicators.length, 0);
}

/** Writes sheets to an .xlsx file: values, number formats, merges (what the CLI reads). */
export async function writeWorkbook(sheets: Array<{ name: string; grid: Grid }>, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const { name, grid } of sheets) {
    const ws = wb.addWorksheet(name);
    grid.cells.forEach((row, i) => {
      row.forEach((c, j) => {
        if (c.value === null || c.value === "") return;
        const cell = ws.getCell(toA1(grid.top + i, grid.left + j));
        cell.value = c.value as ExcelJS.CellValue;
        if (c.numberFormat && c.numberFormat !== "General") cell.numFmt = c.numberFormat;
      });
    });
    for (const m of grid.merges) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  await wb.xlsx.writeFile(file);
}
