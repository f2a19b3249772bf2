/**
 * exceljs ↔ Grid: reads a worksheet into the plain grid the pipeline takes, and writes the same fills
 * and notes as the add-in into a copy of the workbook.
 */
import type ExcelJS from "exceljs";
import { parseRangeA1 } from "../rules/address";
import type { CellValue, Finding } from "../rules/types";
import { cellAnnotations } from "../tables/annotations";
import { displayText } from "../tables/format";
import type { Area, Grid, GridCell } from "../tables/grid";
import { BLOCK_WIDTH, type ColumnPlan } from "../tables/columns";
import {
  WORKING_PAPER_HEADERS,
  WORKING_PAPER_WIDTHS,
  freeSheetName,
  linkTarget,
  type WorkingPaperRow,
} from "../tables/workingPaper";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Converts one exceljs cell value to a plain value. Formulas give their cached result. */
export function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86400000;
  const o = v as unknown as Record<string, unknown>;
  if ("error" in o) return String(o.error);
  if ("richText" in o && Array.isArray(o.richText))
    return (o.richText as Array<{ text: string }>).map((r) => r.text).join("");
  if ("result" in o) return plainValue(o.result as ExcelJS.CellValue);
  if ("formula" in o || "sharedFormula" in o) return null;
  if ("text" in o) {
    const t = o.text;
    return typeof t === "string" ? t : plainValue(t as ExcelJS.CellValue);
  }
  return null;
}

/**
 * Reads a worksheet into a Grid: values, texts as Excel would show them, number formats, merged areas.
 * Cells covered by a merge (not its top-left) read as empty, as in Excel.
 */
export function worksheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const merges: Area[] = [];
  const model = ws.model as unknown as { merges?: string[] };
  for (const m of model.merges ?? []) {
    const a = parseRangeA1(m);
    if (a) merges.push(a);
  }
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  const colCount = ws.columnCount;
  const cells: GridCell[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const out: GridCell[] = [];
    if (row.cellCount > 0) {
      for (let c = 1; c <= Math.max(colCount, row.cellCount); c++) {
        const cell = row.getCell(c);
        const covered = cell.isMerged && cell.master && cell.master.address !== cell.address;
        const value = covered ? null : plainValue(cell.value);
        const numberFormat = cell.numFmt || "General";
        const isError = typeof cell.value === "object" && cell.value !== null && "error" in (cell.value as object);
        out.push({ value, text: isError ? String(value) : displayText(value, numberFormat), numberFormat });
      }
    }
    cells.push(out);
  }
  return { top: 0, left: 0, cells, merges };
}

/**
 * Writes fills and notes for the findings of one sheet into an exceljs worksheet (a copy of the user's
 * workbook; the input file is never written). An existing note is kept and ours appended below it.
 */
export function annotateWorksheet(ws: ExcelJS.Worksheet, findings: Finding[]): number {
  const cells = cellAnnotations(findings);
  for (const a of cells) {
    const cell = ws.getCell(a.address);
    const argb = "FF" + a.color.slice(1);
    // exceljs shares one style object between cells read with the same format: give this cell its own
    // copy before changing the fill, or every cell of that format would turn red.
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } } };
    const ours = a.note;
    const existing = cell.note;
    const before =
      typeof existing === "string"
        ? existing
        : existing && Array.isArray(existing.texts)
          ? existing.texts.map((t) => t.text).join("")
          : "";
    cell.note = before ? `${before}\n———\n${ours}` : ours;
  }
  return cells.length;
}

/**
 * Writes the recomputed columns of a plan into an exceljs worksheet (the annotated copy) as values:
 * exceljs cannot evaluate the DC.* custom functions, so each cell gets the value its formula gives today
 * (an error as #VALUE!). Whole columns are inserted first where the plan says so, right to left; merged
 * areas are moved with them (exceljs's spliceColumns moves values and widths but not merges).
 * Output: the number of recomputed values written.
 */
export function writeRecomputedColumns(ws: ExcelJS.Worksheet, plan: ColumnPlan): number {
  const inserts = plan.blocks
    .filter((b) => b.mode === "insert-columns")
    .map((b) => b.insertAt)
    .sort((a, b) => b - a);
  for (const at of inserts) {
    const model = ws.model as unknown as { merges?: string[] };
    const moved = (model.merges ?? [])
      .map((m) => ({ m, a: parseRangeA1(m) }))
      .filter((x): x is { m: string; a: Area } => !!x.a && x.a.right >= at);
    for (const x of moved) ws.unMergeCells(x.m);
    ws.spliceColumns(at + 1, 0, [], [], []);
    for (const { a } of moved) {
      const left = a.left >= at ? a.left + BLOCK_WIDTH : a.left;
      ws.mergeCells(a.top + 1, left + 1, a.bottom + 1, a.right + BLOCK_WIDTH + 1);
    }
  }
  let written = 0;
  for (const b of plan.blocks) {
    for (const c of b.cells) {
      const cell = ws.getCell(c.row + 1, c.col + 1);
      if (c.header) {
        cell.value = c.header;
        cell.style = { ...cell.style, font: { ...(cell.style.font ?? {}), bold: true } };
        continue;
      }
      cell.value = c.value === "#VALUE!" ? { error: "#VALUE!" } : c.value;
      cell.style = { ...cell.style, numFmt: c.numberFormat };
      if (c.error) cell.note = `复核：${c.error}`;
      written++;
    }
  }
  return written;
}

/**
 * Adds the working paper sheet (复核结果, or a free variant of the name) to an exceljs workbook: the
 * header row, one row per finding with a link to its cell, bold header, frozen first row, widths.
 * Output: the sheet's name.
 */
export function writeWorkingPaper(wb: ExcelJS.Workbook, rows: WorkingPaperRow[]): string {
  const name = freeSheetName(wb.worksheets.map((w) => w.name));
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow([...WORKING_PAPER_HEADERS]).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r.values);
    row.getCell(2).value = { text: r.values[1], hyperlink: linkTarget(r.link.sheet, r.link.cell) };
  }
  WORKING_PAPER_WIDTHS.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  return name;
}
