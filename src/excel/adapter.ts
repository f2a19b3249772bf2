/**
 * The Office.js adapter: read the active sheet into a Grid in one batch, write highlights and notes in
 * one batch, and clear them again. Every function takes an Excel.RequestContext so that tests can pass
 * a mock context; only run.ts calls Excel.run.
 */
import { parseRangeA1 } from "../rules/address";
import type { CellValue } from "../rules/types";
import { cellAnnotations, NOTE_MARKER, type CellAnnotation } from "../tables/annotations";
import { displayText } from "../tables/format";
import type { Area, Grid, GridCell } from "../tables/grid";
import { validateGrid, validateSheets, type ProfileSelection, type ValidationResult } from "../tables/validate";
import type { Capabilities } from "./capabilities";
import type { AnnotatedCell, AnnotationRecord, AnnotationStore, SavedFill, SheetRecord } from "./record";

export type SheetStatus = "ok" | "empty-sheet" | "no-table" | "protected" | "unsupported";

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
}

const FILL_PROPS = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

/** Logs an Office error with its code and debugInfo (never swallowed silently). */
export function describeOfficeError(e: unknown): string {
  const err = e as { code?: string; message?: string; debugInfo?: unknown };
  const debug = err?.debugInfo ? ` ${JSON.stringify(err.debugInfo)}` : "";
  return `${err?.code ?? "Error"}: ${err?.message ?? String(e)}${debug}`;
}

/** Splits a RangeAreas address ("Sheet1!A1:B2, Sheet1!C3") into rectangles. */
export function parseAreasAddress(address: string | null | undefined): Area[] {
  if (!address) return [];
  const parts = address.match(/(?:'[^']*(?:''[^']*)*'|[^,])+/g) ?? [];
  return parts.map((p) => parseRangeA1(p.trim())).filter((a): a is Area => a !== null);
}

/**
 * Builds a Grid from a loaded used range.
 * Inputs: values/text/numberFormat matrices as Excel gives them, the range's top-left row and column
 * index, and merged areas. Output: a Grid in sheet coordinates.
 */
export function gridFromRange(
  values: unknown[][],
  text: string[][],
  numberFormat: unknown[][],
  rowIndex: number,
  columnIndex: number,
  merges: Area[],
): Grid {
  const cells: GridCell[][] = values.map((row, r) =>
    row.map((v, c) => {
      const value: CellValue = typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
      const format = String(numberFormat?.[r]?.[c] ?? "General");
      let shown = String(text?.[r]?.[c] ?? value ?? "");
      // Excel shows ##### for a number too wide for its column: render the value under its format instead.
      if (typeof value === "number" && /^#+$/.test(shown)) shown = displayText(value, format);
      return { value: value === "" ? null : value, text: shown, numberFormat: format };
    }),
  );
  return { top: rowIndex, left: columnIndex, cells, merges };
}

/** Restores a saved fill on a range (queued, no sync). */
export function queueRestoreFill(range: Excel.Range, fill: SavedFill | null): void {
  const f = range.format.fill;
  f.clear();
  if (!fill || !fill.pattern || fill.pattern === "None") return;
  if (fill.color) f.color = fill.color;
  if (fill.pattern !== "Solid") f.pattern = fill.pattern as Excel.FillPattern;
  if (fill.patternColor && fill.pattern !== "Solid") f.patternColor = fill.patternColor;
  if (typeof fill.tintAndShade === "number" && fill.tintAndShade !== 0) f.tintAndShade = fill.tintAndShade;
  if (typeof fill.patternTintAndShade === "number" && fill.patternTintAndShade !== 0)
    f.patternTintAndShade = fill.patternTintAndShade;
}

export interface PriorLookup {
  /** The note (or null object) at each previously annotated cell of each recorded sheet. */
  notes: Map<string, Excel.Note>;
  comments: Map<string, Excel.Comment>;
}

/** Queues lookups of the notes/comments the add-in wrote before (all recorded sheets: the active one is not known yet). */
function queuePriorLookups(
  context: Excel.RequestContext,
  record: AnnotationRecord | null,
  caps: Capabilities,
): PriorLookup {
  const notes = new Map<string, Excel.Note>();
  const comments = new Map<string, Excel.Comment>();
  if (!record) return { notes, comments };
  for (const [sheetId, sheet] of Object.entries(record.sheets)) {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheetId);
    for (const c of sheet.cells) {
      if (c.note === "note" && caps.notes) {
        const n = ws.notes.getItemOrNullObject(c.address);
        n.load("content");
        notes.set(`${sheetId}|${c.address}`, n);
      } else if (c.note === "comment" && caps.comments && c.commentId) {
        const m = context.workbook.comments.getItemOrNullObject(c.commentId);
        m.load("content");
        comments.set(`${sheetId}|${c.address}`, m);
      }
    }
  }
  return { notes, comments };
}

/** Queues the removal of the add-in's own notes/comments of one sheet (content starts with 复核). */
function queueRemovePrior(sheetId: string, sheet: SheetRecord, prior: PriorLookup): void {
  for (const c of sheet.cells) {
    const key = `${sheetId}|${c.address}`;
    const n = prior.notes.get(key);
    if (n && !n.isNullObject && String(n.content ?? "").startsWith(NOTE_MARKER)) n.delete();
    const m = prior.comments.get(key);
    if (m && !m.isNullObject && String(m.content ?? "").startsWith(NOTE_MARKER)) m.delete();
  }
}

export interface SheetRead {
  ws: Excel.Worksheet;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  prior: PriorLookup;
}

/** Queues the read of one sheet's used range: values, texts, formats, merges and fills (no sync). */
export function queueSheetRead(ws: Excel.Worksheet, caps: Capabilities, prior: PriorLookup): SheetRead {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address,values,text,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
  let merged: Excel.RangeAreas | null = null;
  if (caps.mergedAreas) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const props = caps.cellProperties ? used.getCellProperties(FILL_PROPS) : null;
  return { ws, used, merged, props, prior };
}

/** The grid of a read sheet (an empty grid for an empty sheet). */
export function gridOfRead(read: SheetRead): Grid {
  if (read.used.isNullObject) return { top: 0, left: 0, cells: [], merges: [] };
  const merges = read.merged && !read.merged.isNullObject ? parseAreasAddress(read.merged.address) : [];
  return gridFromRange(
    read.used.values,
    read.used.text,
    read.used.numberFormat,
    read.used.rowIndex,
    read.used.columnIndex,
    merges,
  );
}

/** Queues the one read batch of a validation (no sync). */
function queueRead(context: Excel.RequestContext, caps: Capabilities, record: AnnotationRecord | null): SheetRead {
  const ws = context.workbook.worksheets.getActiveWorksheet();
  ws.load("id,name,protection/protected");
  return queueSheetRead(ws, caps, queuePriorLookups(context, record, caps));
}

/** The fill of the cell at (row, col) from the loaded cell properties, or null outside the range. */
function fillAt(read: SheetRead, row: number, col: number): SavedFill | null {
  const p = read.props?.value?.[row - read.used.rowIndex]?.[col - read.used.columnIndex];
  const f = p?.format?.fill;
  if (!f) return null;
  return {
    color: f.color ?? null,
    pattern: f.pattern ?? null,
    patternColor: f.patternColor ?? null,
    tintAndShade: f.tintAndShade ?? null,
    patternTintAndShade: f.patternTintAndShade ?? null,
  };
}

/** Queues fills and notes for the annotations; returns the record cells (no sync). */
function queueAnnotations(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  annotations: CellAnnotation[],
  originals: Map<string, SavedFill | null>,
  mode: "note" | "comment" | "none",
  skipNotes: Set<string>,
): { cells: AnnotatedCell[]; comments: Map<string, Excel.Comment> } {
  const cells: AnnotatedCell[] = [];
  const comments = new Map<string, Excel.Comment>();
  for (const a of annotations) {
    ws.getRange(a.address).format.fill.color = a.color;
    let note: AnnotatedCell["note"] = null;
    if (!skipNotes.has(a.address)) {
      if (mode === "note") {
        ws.notes.add(a.address, a.note);
        note = "note";
      } else if (mode === "comment") {
        const c = context.workbook.comments.add(`'${ws.name.replace(/'/g, "''")}'!${a.address}`, a.note);
        c.load("id");
        comments.set(a.address, c);
        note = "comment";
      }
    }
    cells.push({ address: a.address, fill: originals.get(a.address) ?? null, note });
  }
  return { cells, comments };
}

/**
 * Queues everything one sheet's write batch needs (no sync): removes the add-in's previous notes, restores
 * the fills of cells no longer flagged, and adds the new fills and notes. The fills a cell had before the
 * add-in first touched it are kept from the previous record, else read from the loaded cell properties.
 * Output: the record cells and the comments whose ids are known after the sync.
 */
function queueSheetWrite(
  context: Excel.RequestContext,
  read: SheetRead,
  annotations: CellAnnotation[],
  previous: SheetRecord | undefined,
  prior: PriorLookup,
  mode: "note" | "comment" | "none",
  skipNotes: Set<string>,
): { cells: AnnotatedCell[]; comments: Map<string, Excel.Comment> } {
  const originals = new Map<string, SavedFill | null>();
  for (const c of previous?.cells ?? []) originals.set(c.address, c.fill);
  for (const a of annotations) if (!originals.has(a.address)) originals.set(a.address, fillAt(read, a.row, a.col));
  const now = new Set(annotations.map((a) => a.address));
  if (previous) {
    queueRemovePrior(read.ws.id, previous, prior);
    for (const c of previous.cells) if (!now.has(c.address)) queueRestoreFill(read.ws.getRange(c.address), c.fill);
  }
  return queueAnnotations(context, read.ws, annotations, originals, mode, skipNotes);
}

/**
 * Validates the active sheet: one read sync, one write sync.
 * Inputs: a request context, the profile selection (a profile or "auto"), the host's capabilities and
 * the annotation store.
 * Output: what happened (status, findings, cells highlighted, warnings for the pane). A protected sheet
 * gets its findings and no writes; an unsupported host, an empty sheet and a sheet without tables get
 * their own status. Throws: only the errors of the read batch (the host is unreachable); a failed write
 * is retried once around foreign notes and otherwise reported in `warnings`.
 */
export async function validateActiveSheet(
  context: Excel.RequestContext,
  opts: { profile: ProfileSelection; caps: Capabilities; store: AnnotationStore },
): Promise<ExcelValidation> {
  const { caps, store, profile } = opts;
  const base: ExcelValidation = {
    status: "ok",
    sheet: { id: "", name: "" },
    result: null,
    highlighted: 0,
    notes: "none",
    warnings: [],
  };
  if (!caps.minimum) return { ...base, status: "unsupported" };
  const record = store.load();

  // ---- read: one batch
  const read = queueRead(context, caps, record);
  await context.sync();

  const sheet = { id: read.ws.id, name: read.ws.name };
  if (read.used.isNullObject) return { ...base, sheet, status: "empty-sheet" };
  const result = validateGrid(gridOfRead(read), profile);
  if (result.status !== "ok") return { ...base, sheet, status: result.status, result };
  if (read.ws.protection.protected) return { ...base, sheet, status: "protected", result };

  const warnings: string[] = [];
  if (!caps.cellProperties) {
    warnings.push("needs-1.9");
    return { ...base, sheet, result, warnings };
  }
  const mode: ExcelValidation["notes"] = caps.notes ? "note" : caps.comments ? "comment" : "none";
  if (mode === "none") warnings.push("no-notes");

  const annotations = cellAnnotations(result.findings);
  const previous = record?.sheets[sheet.id];

  const write = async (skipNotes: Set<string>, prior: PriorLookup) => {
    if (caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    const queued = queueSheetWrite(context, read, annotations, previous, prior, mode, skipNotes);
    const next: AnnotationRecord = record ?? { version: 1, sheets: {} };
    next.sheets = { ...next.sheets };
    if (queued.cells.length > 0) next.sheets[sheet.id] = { name: sheet.name, cells: queued.cells };
    else delete next.sheets[sheet.id];
    // Saved before the write sync, so that a write that fails half-way can still be cleared.
    await store.save(next);
    await context.sync();
    if (queued.comments.size > 0) {
      for (const c of next.sheets[sheet.id]?.cells ?? []) {
        const m = queued.comments.get(c.address);
        if (m) c.commentId = m.id;
      }
      await store.save(next);
    }
    return queued.cells;
  };

  // ---- write: one batch
  try {
    const cells = await write(new Set(), read.prior);
    return { ...base, sheet, result, highlighted: cells.length, notes: mode, warnings };
  } catch (e) {
    console.error(`disclosure-check: writing highlights failed: ${describeOfficeError(e)}`);
  }

  // Recovery (rare): a cell may already hold the user's own note. Look, then write around it.
  try {
    // A failed batch may have run its first commands: look at our previous notes again too.
    const prior = queuePriorLookups(context, record, caps);
    const probes = new Map<string, Excel.Note>();
    if (mode === "note") {
      for (const a of annotations) {
        const n = read.ws.notes.getItemOrNullObject(a.address);
        n.load("content");
        probes.set(a.address, n);
      }
    }
    await context.sync();
    const foreign = new Set<string>();
    const removedWithPrior = new Set((previous?.cells ?? []).filter((c) => c.note === "note").map((c) => c.address));
    for (const [address, n] of probes) {
      if (n.isNullObject) continue;
      if (!String(n.content ?? "").startsWith(NOTE_MARKER)) foreign.add(address);
      else if (!removedWithPrior.has(address)) n.delete(); // ours, left by the half-run batch
    }
    if (foreign.size > 0) warnings.push(`foreign-notes:${[...foreign].join(",")}`);
    const cells = await write(foreign, prior);
    return { ...base, sheet, result, highlighted: cells.length, notes: mode, warnings };
  } catch (e) {
    warnings.push(`write-failed:${describeOfficeError(e)}`);
    return { ...base, sheet, result, warnings };
  }
}

/**
 * Removes every highlight and note the add-in made on the active sheet and restores the fills that
 * were there before. Works from the record in the workbook, so it still works after the pane was
 * closed or the workbook reopened. One read sync, one write sync.
 * Output: the number of cells restored (0 when the sheet has no record), or status "protected".
 */
export async function clearActiveSheet(
  context: Excel.RequestContext,
  opts: { caps: Capabilities; store: AnnotationStore },
): Promise<{ status: "ok" | "protected" | "unsupported"; restored: number; sheet: { id: string; name: string } }> {
  const { caps, store } = opts;
  if (!caps.minimum) return { status: "unsupported", restored: 0, sheet: { id: "", name: "" } };
  const record = store.load();
  const ws = context.workbook.worksheets.getActiveWorksheet();
  ws.load("id,name,protection/protected");
  const prior = queuePriorLookups(context, record, caps);
  await context.sync();
  const sheet = { id: ws.id, name: ws.name };
  const entry = record?.sheets[ws.id];
  if (!record || !entry) return { status: "ok", restored: 0, sheet };
  if (ws.protection.protected) return { status: "protected", restored: 0, sheet };
  queueRemovePrior(ws.id, entry, prior);
  for (const c of entry.cells) queueRestoreFill(ws.getRange(c.address), c.fill);
  await context.sync();
  const next: AnnotationRecord = { version: 1, sheets: { ...record.sheets } };
  delete next.sheets[ws.id];
  await store.save(next);
  return { status: "ok", restored: entry.cells.length, sheet };
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
    merged.recognised.push(...result.recognised);
    merged.accounts.push(...result.accounts);
    merged.narrative.push(...result.narrative);
  }
  return merged;
}

/**
 * Validates every sheet of the workbook together: the 部门决算 tables' cross-table ties and the 公开说明
 * claims against the tables need them all. Three syncs whatever the workbook's size: one to list the
 * sheets, one to read them all, one to write every highlight and note.
 * Inputs: as validateActiveSheet. Output: an ExcelValidation whose `result` merges every sheet (each
 * finding names its sheet) and `sheets` gives each sheet's status. Protected sheets get their findings
 * listed and nothing written. Throws: only the errors of the read batches.
 */
export async function validateWorkbook(
  context: Excel.RequestContext,
  opts: { profile: ProfileSelection; caps: Capabilities; store: AnnotationStore },
): Promise<ExcelValidation> {
  const { caps, store, profile } = opts;
  const base: ExcelValidation = {
    status: "ok",
    sheet: { id: "", name: "" },
    result: null,
    highlighted: 0,
    notes: "none",
    warnings: [],
  };
  if (!caps.minimum) return { ...base, status: "unsupported" };
  const record = store.load();

  // ---- read 1: the sheets
  const wsc = context.workbook.worksheets;
  wsc.load("items/id,items/name,items/protection/protected");
  const active = wsc.getActiveWorksheet();
  active.load("id,name");
  const prior = queuePriorLookups(context, record, caps);
  await context.sync();

  // ---- read 2: every sheet's used range, merges and fills
  const reads = wsc.items.map((ws) => queueSheetRead(ws, caps, prior));
  await context.sync();

  const v = validateSheets(
    reads.map((r) => ({ name: r.ws.name, grid: gridOfRead(r) })),
    profile,
  );
  const sheet = { id: active.id, name: active.name };
  const result = mergeSheetResults(v.sheets);
  const sheets = v.sheets.map((s, i) => ({
    id: reads[i].ws.id,
    name: s.name,
    status: (reads[i].ws.protection.protected && s.result.status === "ok"
      ? "protected"
      : s.result.status) as SheetStatus,
  }));
  if (!result) {
    const empty = v.sheets.every((s) => s.result.status === "empty-sheet");
    return { ...base, sheet, sheets, status: empty ? "empty-sheet" : "no-table" };
  }
  const warnings: string[] = [];
  const protectedSheets = sheets.filter((s) => s.status === "protected").map((s) => s.name);
  if (protectedSheets.length > 0) warnings.push(`protected-sheets:${protectedSheets.join(",")}`);
  if (!caps.cellProperties) {
    warnings.push("needs-1.9");
    return { ...base, sheet, sheets, result, warnings };
  }
  const mode: ExcelValidation["notes"] = caps.notes ? "note" : caps.comments ? "comment" : "none";
  if (mode === "none") warnings.push("no-notes");

  // ---- write: one batch for every sheet
  if (caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
  const next: AnnotationRecord = record ?? { version: 1, sheets: {} };
  next.sheets = { ...next.sheets };
  const allComments: Array<{ sheetId: string; comments: Map<string, Excel.Comment> }> = [];
  let highlighted = 0;
  v.sheets.forEach((s, i) => {
    const read = reads[i];
    const id = read.ws.id;
    if (sheets[i].status === "protected") return;
    const annotations = cellAnnotations(s.result.findings);
    const queued = queueSheetWrite(context, read, annotations, record?.sheets[id], prior, mode, new Set());
    if (queued.cells.length > 0) next.sheets[id] = { name: s.name, cells: queued.cells };
    else delete next.sheets[id];
    highlighted += queued.cells.length;
    if (queued.comments.size > 0) allComments.push({ sheetId: id, comments: queued.comments });
  });
  await store.save(next);
  try {
    await context.sync();
  } catch (e) {
    warnings.push(`write-failed:${describeOfficeError(e)}`);
    return { ...base, sheet, sheets, result, warnings };
  }
  if (allComments.length > 0) {
    for (const { sheetId, comments } of allComments)
      for (const c of next.sheets[sheetId]?.cells ?? []) {
        const m = comments.get(c.address);
        if (m) c.commentId = m.id;
      }
    await store.save(next);
  }
  return { ...base, sheet, sheets, result, highlighted, notes: mode, warnings };
}

/**
 * Clears what the add-in wrote on every sheet it recorded (after Validate workbook). Two syncs.
 * Output: cells restored, and the names of recorded sheets left alone because they are protected.
 */
export async function clearWorkbook(
  context: Excel.RequestContext,
  opts: { caps: Capabilities; store: AnnotationStore },
): Promise<{ status: "ok" | "protected" | "unsupported"; restored: number; skipped: string[] }> {
  const { caps, store } = opts;
  if (!caps.minimum) return { status: "unsupported", restored: 0, skipped: [] };
  const record = store.load();
  if (!record) return { status: "ok", restored: 0, skipped: [] };
  const sheets = Object.keys(record.sheets).map((id) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(id);
    ws.load("id,name,protection/protected");
    return { id, ws };
  });
  const prior = queuePriorLookups(context, record, caps);
  await context.sync();
  const next: AnnotationRecord = { version: 1, sheets: { ...record.sheets } };
  let restored = 0;
  const skipped: string[] = [];
  for (const { id, ws } of sheets) {
    const entry = record.sheets[id];
    if (ws.isNullObject) {
      delete next.sheets[id];
      continue;
    }
    if (ws.protection.protected) {
      skipped.push(ws.name);
      continue;
    }
    queueRemovePrior(id, entry, prior);
    for (const c of entry.cells) queueRestoreFill(ws.getRange(c.address), c.fill);
    restored += entry.cells.length;
    delete next.sheets[id];
  }
  await context.sync();
  await store.save(next);
  return { status: skipped.length > 0 && restored === 0 ? "protected" : "ok", restored, skipped };
}
