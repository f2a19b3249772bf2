/**
 * Export findings: writes the working paper 复核结果 (src/tables/workingPaper.ts, the same builder as the
 * CLI's --export). The user's own sheets are not touched. Exporting again updates the same sheet in
 * place: findings matched by their key keep the 复核状态 and 审计说明 the auditor typed, findings that
 * went away are kept as 已不存在, new ones are added, and the header block's typed fields are kept.
 *
 * Per requirement set (detected at run time): the links are Range.hyperlink (ExcelApi 1.7, which Excel
 * on the web follows; its HYPERLINK function follows web addresses only) or, below 1.7, a HYPERLINK
 * formula; the header row is frozen from 1.7; the AutoFilter and the print set-up (landscape, one page
 * wide, the column header repeated, page numbers) need 1.9.
 */
import { columnLetters } from "../rules/address";
import type { ValidationResult } from "../tables/validate";
import {
  buildWorkingPaper,
  freeSheetName,
  headerRowOf,
  linkFormula,
  mergeWorkingPaper,
  ownWorkingPaper,
  paperGrid,
  type ExistingPaper,
  GONE_STATUS,
  REVIEW_STATUSES,
  withReviews,
  type ReviewStatus,
} from "../tables/workingPaper";
import { isNull, usedRangeOf } from "./read";
import { queueReviews, queueReviewWrite, reviewsOf } from "./review";
import type { ReviewRecord } from "../tables/reviews";
import type { Capabilities } from "./capabilities";

export interface ExportResult {
  status: "ok" | "nothing" | "unsupported";
  /** The sheet written, e.g. "复核结果". */
  sheet: string;
  /** Rows of findings written (with those kept as 已不存在). */
  rows: number;
  /** True when an earlier working paper was updated in place. */
  updated?: boolean;
  /** Findings of the earlier paper that this validation no longer finds (kept, marked 已不存在). */
  gone?: number;
}

/** A text cell as Excel's values take it: a leading = + - @ would start a formula, so it is quoted. */
function asText(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** The add-in's name in the header block's 复核工具 line. */
export const ADDIN_TOOL = "disclosure-check 决算复核加载项";

/**
 * Writes the working paper of a validation. Syncs: the sheet names (and the workbook's name); the
 * values of an earlier 复核结果 sheet, when there is one; the write.
 * Inputs: a request context; the validation result, the sheet its findings are on (Validate sheet; a
 * finding of Validate workbook names its own), the profile selection ("auto" or an id), the
 * capabilities, and the time of the run. Output: the sheet's name, the rows written, whether an earlier
 * paper was updated; "nothing" when there are no findings and no earlier paper.
 * Throws: the errors of the batches (the pane shows them).
 */
export async function exportFindings(
  context: Excel.RequestContext,
  opts: {
    result: ValidationResult;
    sheetName: string;
    caps: Capabilities;
    profile?: string;
    time?: Date;
    /** Review statuses set in the pane (by key): they fill 复核状态 and 审计说明 (the reason). */
    reviews?: Record<string, ReviewRecord>;
    /** False: leave the active sheet as it is (the paper written along with a validation). Default true. */
    activate?: boolean;
  },
): Promise<ExportResult> {
  if (!opts.caps.minimum) return { status: "unsupported", sheet: "", rows: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const queuedReviews = queueReviews(context, opts.caps);
  const workbook = context.workbook as Excel.Workbook & { name?: string; load?: (p: string) => void };
  if (opts.caps.hyperlinks && typeof workbook.load === "function") workbook.load("name");
  await context.sync();
  const stored = await reviewsOf(context, queuedReviews);

  // An earlier working paper: a sheet named 复核结果 (复核结果 (2) …) holding the paper's header row.
  const names = sheets.items.map((s) => s.name);
  const candidates = sheets.items
    .filter((s) => /^复核结果( \(\d+\))?$/.test(s.name))
    .map((s) => ({ sheet: s, used: usedRangeOf(s, opts.caps) }));
  for (const c of candidates) c.used.load("values,rowIndex,columnIndex");
  if (candidates.length) await context.sync();
  let earlier: { name: string; existing: ExistingPaper; used: Excel.Range } | null = null;
  for (const c of candidates) {
    if (isNull(c.used)) continue;
    const values: unknown[][] = [
      ...Array.from({ length: c.used.rowIndex }, () => []),
      ...c.used.values.map((row) => [...Array(c.used.columnIndex).fill(null), ...row]),
    ];
    const existing = ownWorkingPaper(c.sheet.name, values);
    if (existing) {
      earlier = { name: c.sheet.name, existing, used: c.used };
      break;
    }
  }

  const findingSheets = [...new Set(opts.result.findings.map((f) => f.sheet ?? opts.sheetName))];
  const fresh = buildWorkingPaper([{ sheet: opts.sheetName, result: opts.result }], {
    file: (workbook.name as string | undefined) ?? "",
    sheets: findingSheets.length ? findingSheets : [opts.sheetName],
    tool: ADDIN_TOOL,
    profile: opts.profile ?? opts.result.profile,
    time: opts.time ?? new Date(),
  });
  const paper = withReviews(mergeWorkingPaper(fresh, earlier?.existing ?? null), opts.reviews);
  // Statuses the auditor typed into the earlier paper, for findings without one in 复核状态, are kept
  // there too, so that the pane shows them (a status set in the pane is the latest and is not overwritten).
  const typed: ReviewRecord[] = paper.rows
    .filter((r) => {
      const status = String(r.cells.status.v ?? "");
      return (
        (REVIEW_STATUSES as readonly string[]).includes(status) &&
        status !== "未复核" &&
        !stored.has(r.key) &&
        !opts.reviews?.[r.key]
      );
    })
    .map((r) => ({
      key: r.key,
      status: r.cells.status.v as ReviewStatus,
      reason: String(r.cells.note.v ?? ""),
      at: (opts.time ?? new Date()).toISOString(),
    }));
  if (paper.rows.length === 0 && !earlier) return { status: "nothing", sheet: "", rows: 0 };

  const name = earlier?.name ?? freeSheetName(names);
  const ws = earlier ? sheets.getItem(name) : sheets.add(name);
  if (earlier) earlier.used.clear("All");
  const { values, formats } = paperGrid(paper);
  const width = paper.columns.length;
  const last = columnLetters(width - 1);
  const headerRow = headerRowOf(paper); // 0-based
  const all = ws.getRange(`A1:${last}${values.length}`);
  all.numberFormat = formats.map((row) => row.map((f) => f || "General"));
  all.values = values.map((row) => row.map((v) => (v === null ? "" : typeof v === "string" ? asText(v) : v)));

  // Links from 单元格 to the finding's cell.
  const linkCol = columnLetters(paper.columns.findIndex((c) => c.key === "cell"));
  paper.rows.forEach((r, i) => {
    if (!r.link) return;
    const at = ws.getRange(`${linkCol}${headerRow + 2 + i}`);
    const display = String(r.cells.cell.v ?? "");
    if (opts.caps.hyperlinks)
      at.hyperlink = {
        documentReference: `'${r.link.sheet.replace(/'/g, "''")}'!${r.link.cell}`,
        textToDisplay: display,
      };
    else {
      // General first: Excel keeps a formula written into a Text (@) cell as text, showing "=HYPERLINK(…".
      at.numberFormat = [["General"]];
      at.formulas = [[linkFormula(r.link.sheet, r.link.cell, display)]];
    }
  });

  // Bold: the title, the header block's labels, the column header; long texts wrapped; widths.
  ws.getRange("A1").format.font.bold = true;
  ws.getRange(`A2:A${headerRow - 1}`).format.font.bold = true;
  ws.getRange(`D2:D${headerRow - 1}`).format.font.bold = true;
  const head = ws.getRange(`A${headerRow + 1}:${last}${headerRow + 1}`);
  head.format.font.bold = true;
  head.format.wrapText = true;
  paper.columns.forEach((c, k) => {
    const col = columnLetters(k);
    // Column widths are ExcelApi 1.2: below 1.4 the paper keeps Excel's default widths.
    if (opts.caps.nullObjects) ws.getRange(`${col}:${col}`).format.columnWidth = c.width * 7;
    if (c.wrap && paper.rows.length)
      ws.getRange(`${col}${headerRow + 2}:${col}${headerRow + 1 + paper.rows.length}`).format.wrapText = true;
  });
  const table = `A${headerRow + 1}:${last}${headerRow + 1 + paper.rows.length}`;
  if (opts.caps.hyperlinks) ws.freezePanes.freezeRows(headerRow + 1);
  if (opts.caps.pageLayout) {
    ws.autoFilter.apply(ws.getRange(table));
    ws.pageLayout.orientation = "Landscape";
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    ws.pageLayout.setPrintTitleRows(`$${headerRow + 1}:$${headerRow + 1}`);
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
  }
  if (typed.length > 0) queueReviewWrite(context, queuedReviews, typed, opts.caps);
  if (opts.activate !== false) ws.activate();
  await context.sync();
  const gone = paper.rows.filter((r) => String(r.cells.status.v ?? "").startsWith(GONE_STATUS)).length;
  return { status: "ok", sheet: name, rows: paper.rows.length, updated: !!earlier, gone };
}
