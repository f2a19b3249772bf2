/**
 * Export findings: writes the working paper (复核结果) as a new sheet of the workbook. The user's own
 * sheets are not touched; the new sheet is the auditor's to keep, fill in (审计说明) or delete.
 */
import { columnLetters } from "../rules/address";
import type { ValidationResult } from "../tables/validate";
import {
  WORKING_PAPER_HEADERS,
  WORKING_PAPER_WIDTHS,
  freeSheetName,
  linkTarget,
  workingPaperRows,
} from "../tables/workingPaper";
import type { Capabilities } from "./capabilities";

export interface ExportResult {
  status: "ok" | "nothing" | "unsupported";
  /** The sheet written, e.g. "复核结果" or "复核结果 (2)". */
  sheet: string;
  rows: number;
}

/** A text cell as Excel's values take it: a leading = + - @ would start a formula, so it is quoted. */
function asText(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/**
 * Writes the findings of a validation to a new sheet: a header row, one row per finding with a
 * HYPERLINK to its cell, frozen header, column widths; the sheet is activated. Two syncs (the sheet
 * names in use; the write).
 * Inputs: a request context, the validation result, the sheet its findings are on (Validate sheet), the
 * capabilities. Output: the sheet's name and the rows written; "nothing" when there are no findings.
 * Throws: the errors of the two batches (the pane shows them).
 */
export async function exportFindings(
  context: Excel.RequestContext,
  opts: { result: ValidationResult; sheetName: string; caps: Capabilities },
): Promise<ExportResult> {
  if (!opts.caps.minimum) return { status: "unsupported", sheet: "", rows: 0 };
  const rows = workingPaperRows(opts.result, opts.sheetName);
  if (rows.length === 0) return { status: "nothing", sheet: "", rows: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();

  const name = freeSheetName(sheets.items.map((s) => s.name));
  const ws = sheets.add(name);
  const width = WORKING_PAPER_HEADERS.length;
  const last = columnLetters(width - 1);
  const all = ws.getRange(`A1:${last}${rows.length + 1}`);
  all.numberFormat = [[...Array(width)].map(() => "@"), ...rows.map(() => [...Array(width)].map(() => "@"))];
  all.values = [[...WORKING_PAPER_HEADERS], ...rows.map((r) => r.values.map(asText))];
  // The 单元格 column links to the cell (HYPERLINK works in every Excel version).
  ws.getRange(`B2:B${rows.length + 1}`).formulas = rows.map((r) => [
    `=HYPERLINK("${linkTarget(r.link.sheet, r.link.cell).replace(/"/g, '""')}","${r.values[1].replace(/"/g, '""')}")`,
  ]);
  ws.getRange(`A1:${last}1`).format.font.bold = true;
  WORKING_PAPER_WIDTHS.forEach((w, k) => {
    ws.getRange(`${columnLetters(k)}:${columnLetters(k)}`).format.columnWidth = w * 7;
  });
  ws.activate();
  await context.sync();
  return { status: "ok", sheet: name, rows: rows.length };
}
