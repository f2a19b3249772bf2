/**
 * The Office.js adapter: read the active sheet into a Grid in one batch, write highlights and notes in
 * one batch, and clear them again. Validate sheet and Validate workbook are here; reading is in read.ts,
 * writing (with its one retry) in write.ts, Clear in clear.ts, all re-exported from here. Every function
 * takes an Excel.RequestContext so that tests can pass a mock context; only run.ts calls Excel.run.
 */
import type { Finding } from "../rules/types";
import { cellAnnotations } from "../tables/annotations";
import type { Grid } from "../tables/grid";
import type { SavedLayout } from "../tables/layouts";
import { type ProfileSelection, type ValidationResult, validateGrid, validateSheets } from "../tables/validate";
import { type ReviewRecord, UNHIGHLIGHTED, isReviewSheet } from "../tables/reviews";
import { queueReviews, reviewsOf } from "./review";
import { gridValues, keyedFindings, ownWorkingPaper } from "../tables/workingPaper";
import type { Capabilities } from "./capabilities";
import type { AnnotationRecord, AnnotationStore } from "./record";
import { completeReads, gridOfRead, isBlankRead, isProtected, queueSheetRead, syncRead, type SheetRead } from "./read";
import { queuePriorLookups, sheetWrite, writeWithRetry, type SheetWrite } from "./write";

export {
  FIRST_BLOCK_CELLS,
  completeReads,
  gridFromRange,
  gridOfRead,
  parseAreasAddress,
  queueSheetRead,
  syncRead,
  type SheetRead,
} from "./read";
export { describeOfficeError, queueRestoreFill, type PriorLookup } from "./write";
export { clearActiveSheet, clearWorkbook } from "./clear";

/** The tool's own sheets (the working paper 复核结果, the hidden 复核状态) are never validated as input. */
function isToolSheet(name: string, grid: Grid): boolean {
  const values = gridValues(grid);
  return ownWorkingPaper(name, values) !== null || isReviewSheet(name, values);
}

/**
 * The findings to highlight: all but those the auditor marked 接受（口径合理） or 误报 (by their key).
 * Inputs: the sheet's name and result, the review statuses. Output: the findings to annotate.
 */
function toHighlight(
  sheet: string,
  result: ValidationResult,
  reviews: Map<string, ReviewRecord> | undefined,
): Finding[] {
  if (!reviews || reviews.size === 0) return result.findings;
  const keys = keyedFindings([{ sheet, result }]);
  return result.findings.filter((_, i) => {
    const r = reviews.get(keys[i].key);
    return !r || !UNHIGHLIGHTED.has(r.status);
  });
}

/** own-sheet: the add-in's own working paper (复核结果), which is never validated as input. */
export type SheetStatus = "ok" | "empty-sheet" | "no-table" | "protected" | "unsupported" | "own-sheet";

/** What a validation did on the sheet. */
export interface ExcelValidation {
  status: SheetStatus;
  sheet: { id: string; name: string };
  /** The findings (also for a protected sheet, where nothing is written). */
  result: ValidationResult | null;
  /** Cells highlighted; how explanations were attached; what could not be done. */
  highlighted: number;
  notes: "note" | "comment" | "none";
  /** Messages for the pane about degraded behaviour (old Excel, foreign notes, write failure). */
  warnings: string[];
  /** Validate workbook: each sheet's status (the result merges them all). */
  sheets?: Array<{ id: string; name: string; status: SheetStatus }>;
  /** The auditor's review statuses kept in the workbook, by finding key (read with the validation). */
  reviews?: Record<string, ReviewRecord>;
}

/** A validation that has not found or written anything yet (the start of every outcome). */
function nothingDone(): ExcelValidation {
  return { status: "ok", sheet: { id: "", name: "" }, result: null, highlighted: 0, notes: "none", warnings: [] };
}

/** Queues the one read batch of a validation (no sync). */
function queueRead(
  context: Excel.RequestContext,
  caps: Capabilities,
  record: AnnotationRecord | null,
  firstCells: number,
): SheetRead {
  const ws = context.workbook.worksheets.getActiveWorksheet();
  // Protection (ExcelApi 1.2) is read from 1.4 on; below it a protected sheet refuses the write instead.
  if (caps.nullObjects) ws.load("id,name,protection/protected");
  else ws.load("id,name");
  return queueSheetRead(ws, caps, queuePriorLookups(context, record, caps), firstCells);
}

/** What a validation takes: the profile, the host's capabilities, the annotation record's store, saved layouts. */
export interface ValidateOptions {
  profile: ProfileSelection;
  caps: Capabilities;
  store: AnnotationStore;
  layouts?: SavedLayout[];
  /**
   * The auditor's review statuses (findings marked 接受（口径合理） or 误报 are not highlighted); read from
   * the workbook's 复核状态 sheet in the read batch when not given.
   */
  reviews?: Map<string, ReviewRecord>;
}

/**
 * Validates the active sheet. Two syncs for any sheet up to about 4 MB of cells: one read (the used
 * range's size, its merged areas and its cells), one write (original fills read back, notes, highlights).
 * A larger sheet is read and written in further requests of at most PAYLOAD_LIMIT bytes each. Below
 * ExcelApi 1.4 the sizes come before the cells (one sync more) and the review sheet, when it exists, is read
 * in one more; a record kept in a custom XML part takes two syncs to read and two per save.
 * Inputs: a request context, the profile selection (a profile or "auto"), the host's capabilities, the
 * annotation store and the saved layouts (user column mappings).
 * Output: what happened (status, findings, cells highlighted, warnings for the pane). A protected sheet
 * gets its findings and no writes; an unsupported host, an empty sheet and a sheet without tables get
 * their own status. Throws: only the errors of the read batch (the host is unreachable); a failed write
 * is retried once around foreign notes and otherwise reported in `warnings`.
 */
export async function validateActiveSheet(
  context: Excel.RequestContext,
  opts: ValidateOptions,
): Promise<ExcelValidation> {
  const { caps, store, profile } = opts;
  const base = nothingDone();
  if (!caps.minimum) return { ...base, status: "unsupported" };
  await store.open?.(context);
  const record = store.load();

  // ---- read: one batch (more only for a sheet over the payload limit), with the review statuses
  const { read, queuedReviews } = await syncRead(context, (firstCells) => ({
    read: queueRead(context, caps, record, firstCells),
    queuedReviews: queueReviews(context, caps),
  }));
  await completeReads(context, [read]);
  const reviews = opts.reviews ?? (await reviewsOf(context, queuedReviews));
  base.reviews = Object.fromEntries(reviews);

  const sheet = { id: read.ws.id, name: read.ws.name };
  if (isBlankRead(read)) return { ...base, sheet, status: "empty-sheet" };
  const grid = gridOfRead(read);
  if (isToolSheet(sheet.name, grid)) return { ...base, sheet, status: "own-sheet" };
  const result = validateGrid(grid, profile, { layouts: opts.layouts });
  if (result.status !== "ok") return { ...base, sheet, status: result.status, result };
  if (isProtected(read.ws, caps)) return { ...base, sheet, status: "protected", result };
  // A record this Excel cannot read: writing now would take the highlights already there for the user's fills.
  if (store.unreadable?.()) return { ...base, sheet, result, warnings: ["record-unreadable"] };

  const warnings: string[] = [];
  // Below ExcelApi 1.9 the cells are highlighted with solid fills, and only their colour is backed up.
  if (!caps.cellProperties) warnings.push("solid-fills");
  const mode: ExcelValidation["notes"] = caps.notes ? "note" : caps.comments ? "comment" : "none";
  if (mode === "none") warnings.push("no-notes");

  const annotations = cellAnnotations(toHighlight(sheet.name, result, reviews));
  const previous = record?.sheets[sheet.id];
  const w = await writeWithRetry(context, {
    build: (skip, captured) => [
      sheetWrite(read, sheet.id, annotations, previous, skip.get(sheet.id) ?? new Set(), captured),
    ],
    mode,
    record,
    caps,
    store,
    prior: read.prior,
    warnings,
  });
  if (w === null) return { ...base, sheet, result, warnings };
  return { ...base, sheet, result, highlighted: w, notes: mode, warnings };
}

/** Activates a sheet and selects one cell (a click on a finding). One sync. */
export async function selectCell(context: Excel.RequestContext, sheetName: string, address: string): Promise<void> {
  const ws = sheetName
    ? context.workbook.worksheets.getItem(sheetName)
    : context.workbook.worksheets.getActiveWorksheet();
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/**
 * One validation's result over several sheets, as the pane shows it: tables numbered across the
 * workbook, each finding carrying its sheet (`Finding.sheet`).
 */
export function mergeSheetResults(sheets: Array<{ name: string; result: ValidationResult }>): ValidationResult | null {
  const ok = sheets.filter((s) => s.result.status === "ok");
  if (ok.length === 0) return null;
  const merged: ValidationResult = {
    status: "ok",
    profile: ok[0].result.profile,
    tables: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    checks: 0,
    recognised: [],
    accounts: [],
    narrative: [],
  };
  for (const { name, result } of ok) {
    const offset = merged.tables.length;
    merged.tables.push(...result.tables.map((t) => ({ ...t, index: t.index + offset, sheet: name })));
    merged.findings.push(...result.findings.map((f) => ({ ...f, table: f.table + offset, sheet: name })));
    merged.checks += result.checks;
    for (const k of ["error", "warning", "info"] as const) merged.counts[k] += result.counts[k];
    merged.recognised.push(...result.recognised.map((t) => ({ ...t, sheet: name })));
    merged.accounts.push(...result.accounts.map((t) => ({ ...t, sheet: name })));
    merged.narrative.push(...result.narrative);
  }
  return merged;
}

/**
 * Validates every sheet of the workbook together: the 部门决算 tables' cross-table ties and the 公开说明
 * claims against the tables need them all. Three syncs: one to list the sheets, one to read them all, one
 * to write every highlight and note; sheets or writes over the payload limit (4 MB) take one more per 4 MB.
 * Inputs: as validateActiveSheet. Output: an ExcelValidation whose `result` merges every sheet (each
 * finding names its sheet) and `sheets` gives each sheet's status. Protected sheets get their findings
 * listed and nothing written. Throws: only the errors of the read batches.
 */
export async function validateWorkbook(context: Excel.RequestContext, opts: ValidateOptions): Promise<ExcelValidation> {
  const { caps, store, profile } = opts;
  const base = nothingDone();
  if (!caps.minimum) return { ...base, status: "unsupported" };
  await store.open?.(context);
  const record = store.load();

  // ---- read 1: the sheets
  const wsc = context.workbook.worksheets;
  wsc.load(caps.nullObjects ? "items/id,items/name,items/protection/protected" : "items/id,items/name");
  const active = wsc.getActiveWorksheet();
  active.load("id,name");
  const prior = queuePriorLookups(context, record, caps);
  const queuedReviews = queueReviews(context, caps);
  await context.sync();
  const reviews = opts.reviews ?? (await reviewsOf(context, queuedReviews));
  base.reviews = Object.fromEntries(reviews);

  // ---- read 2: every sheet's used range, merges and cells
  const everyRead = await syncRead(context, (firstCells) =>
    wsc.items.map((ws) => queueSheetRead(ws, caps, prior, firstCells)),
  );
  await completeReads(context, everyRead);
  // The add-in's own working paper (复核结果) is never validated as input.
  const reads = everyRead.filter((r) => isBlankRead(r) || !isToolSheet(r.ws.name, gridOfRead(r)));

  const v = validateSheets(
    reads.map((r) => ({ name: r.ws.name, grid: gridOfRead(r) })),
    profile,
    { layouts: opts.layouts },
  );
  const sheet = { id: active.id, name: active.name };
  const result = mergeSheetResults(v.sheets);
  const sheets = v.sheets.map((s, i) => ({
    id: reads[i].ws.id,
    name: s.name,
    status: (isProtected(reads[i].ws, caps) && s.result.status === "ok" ? "protected" : s.result.status) as SheetStatus,
  }));
  if (!result) {
    const empty = v.sheets.every((s) => s.result.status === "empty-sheet");
    return { ...base, sheet, sheets, status: empty ? "empty-sheet" : "no-table" };
  }
  if (store.unreadable?.()) return { ...base, sheet, sheets, result, warnings: ["record-unreadable"] };
  const warnings: string[] = [];
  const protectedSheets = sheets.filter((s) => s.status === "protected").map((s) => s.name);
  if (protectedSheets.length > 0) warnings.push(`protected-sheets:${protectedSheets.join(",")}`);
  // Below ExcelApi 1.9 the cells are highlighted with solid fills, and only their colour is backed up.
  if (!caps.cellProperties) warnings.push("solid-fills");
  const mode: ExcelValidation["notes"] = caps.notes ? "note" : caps.comments ? "comment" : "none";
  if (mode === "none") warnings.push("no-notes");

  // ---- write: one batch for every sheet (more only above the payload limit), around the user's own notes
  const highlighted = await writeWithRetry(context, {
    build: (skip, captured) => {
      const writes: SheetWrite[] = [];
      v.sheets.forEach((s, i) => {
        if (sheets[i].status === "protected") return;
        const id = reads[i].ws.id;
        writes.push(
          sheetWrite(
            reads[i],
            id,
            cellAnnotations(toHighlight(s.name, s.result, reviews)),
            record?.sheets[id],
            skip.get(id) ?? new Set(),
            captured,
          ),
        );
      });
      return writes;
    },
    mode,
    record,
    caps,
    store,
    prior,
    warnings,
  });
  if (highlighted === null) return { ...base, sheet, sheets, result, warnings };
  return { ...base, sheet, sheets, result, highlighted, notes: mode, warnings };
}
