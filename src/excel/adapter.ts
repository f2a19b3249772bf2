/**
 * The Office.js adapter: read the active sheet into a Grid in one batch, write highlights and notes in
 * one batch, and clear them again. Every function takes an Excel.RequestContext so that tests can pass
 * a mock context; only run.ts calls Excel.run.
 */
import { parseRangeA1, rangeA1 } from "../rules/address";
import type { CellValue, Finding } from "../rules/types";
import { cellAnnotations, NOTE_MARKER, type CellAnnotation } from "../tables/annotations";
import { displayText } from "../tables/format";
import type { Area, Grid, GridCell } from "../tables/grid";
import type { SavedLayout } from "../tables/layouts";
import { validateGrid, validateSheets, type ProfileSelection, type ValidationResult } from "../tables/validate";
import { isReviewSheet, UNHIGHLIGHTED, type ReviewRecord } from "../tables/reviews";
import { queueReviews, reviewsRead } from "./review";
import { gridValues, keyedFindings, ownWorkingPaper } from "../tables/workingPaper";

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
import type { Capabilities } from "./capabilities";
import {
  ASSUMED_CELL_BYTES,
  FIRST_READ_CELL_BYTES,
  PAYLOAD_LIMIT,
  groupBySize,
  isPayloadTooLarge,
  jsonBytes,
  sendOps,
  syncEach,
} from "./payload";
import type { AnnotatedCell, AnnotationRecord, AnnotationStore, SavedFill, SheetRecord } from "./record";

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
/**
 * A fill known only by its colour (ExcelApi 1.1–1.8: RangeFill.color, "#FFFFFF" for a cell without a
 * fill): a solid fill of that colour, or none for white. A cell the user filled white is restored without
 * a fill (it looks the same); a pattern or tint cannot be read below 1.9 and comes back as its colour.
 */
function solidFill(color: string | undefined): SavedFill | null {
  if (!color || color.toUpperCase() === "#FFFFFF") return null;
  return { color, pattern: "Solid" };
}

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
  /** ExcelApi 1.10–1.13 (no lookup by id): every comment of the workbook, loaded with its id and content. */
  allComments?: Excel.CommentCollection;
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
  let allComments: Excel.CommentCollection | undefined;
  for (const [sheetId, sheet] of Object.entries(record.sheets)) {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheetId);
    for (const c of sheet.cells) {
      if (c.note === "note" && caps.notes) {
        const n = ws.notes.getItemOrNullObject(c.address);
        n.load("content");
        notes.set(`${sheetId}|${c.address}`, n);
      } else if (c.note === "comment" && caps.comments && c.commentId) {
        if (caps.commentLookup) {
          const m = context.workbook.comments.getItemOrNullObject(c.commentId);
          m.load("content");
          comments.set(`${sheetId}|${c.address}`, m);
        } else if (!allComments) {
          // getItemOrNullObject is ExcelApi 1.14: below it, one load of every comment (1.10) instead.
          allComments = context.workbook.comments;
          allComments.load("items/id,items/content");
        }
      }
    }
  }
  return { notes, comments, ...(allComments ? { allComments } : {}) };
}

/** Queues the removal of the add-in's own notes/comments of one sheet (content starts with 复核). */
function queueRemovePrior(sheetId: string, sheet: SheetRecord, prior: PriorLookup): void {
  for (const c of sheet.cells) {
    const key = `${sheetId}|${c.address}`;
    const n = prior.notes.get(key);
    if (n && !n.isNullObject && String(n.content ?? "").startsWith(NOTE_MARKER)) n.delete();
    const m = prior.comments.get(key) ?? prior.allComments?.items.find((x) => x.id === c.commentId);
    if (m && !m.isNullObject && String(m.content ?? "").startsWith(NOTE_MARKER)) m.delete();
  }
}

/** Columns of the first block (A:Z). Cells right of it or below it are read in further blocks. */
const FIRST_BLOCK_COLUMNS = 26;
/** Cells of the first block: PAYLOAD_LIMIT at the bytes per cell the seed tables measure. */
export const FIRST_BLOCK_CELLS = Math.floor(PAYLOAD_LIMIT / FIRST_READ_CELL_BYTES);

export interface SheetRead {
  ws: Excel.Worksheet;
  /** The used range: its address and size only (the cells come in blocks). */
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  /** The area the first block covers (queued with the used range, before its size is known). */
  first: Area;
  /** Blocks of cells loaded so far (the first one may be a null object: nothing used in it). */
  blocks: Excel.Range[];
  prior: PriorLookup;
}

/**
 * Queues the read of one sheet (no sync): the used range's address and size, its merged areas, and the
 * used cells of a first block A1:Z{n} of `firstCells` cells (none when 0). A sheet that fits in the first
 * block is read in this one request; `completeReads` reads the rest of a larger sheet.
 */
export function queueSheetRead(
  ws: Excel.Worksheet,
  caps: Capabilities,
  prior: PriorLookup,
  firstCells = FIRST_BLOCK_CELLS,
): SheetRead {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address,rowIndex,columnIndex,rowCount,columnCount");
  let merged: Excel.RangeAreas | null = null;
  if (caps.mergedAreas) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const rows = Math.floor(firstCells / FIRST_BLOCK_COLUMNS);
  if (rows === 0) return { ws, used, merged, first: { top: 0, left: 0, bottom: -1, right: -1 }, blocks: [], prior };
  const first: Area = { top: 0, left: 0, bottom: rows - 1, right: FIRST_BLOCK_COLUMNS - 1 };
  const block = ws.getRange(rangeA1(first.top, first.left, first.bottom, first.right)).getUsedRangeOrNullObject(true);
  block.load("values,text,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
  return { ws, used, merged, first, blocks: [block], prior };
}

/**
 * Queues a read with `queue(firstCells)` and syncs it. When Excel refuses the request as too large (a
 * sheet of unusually long texts; Excel on the web only), queues it again without first blocks and
 * syncs that: the sizes come back, and `completeReads` reads the cells in measured blocks.
 * Output: what the accepted `queue` call returned. Throws: any other error of the read.
 */
export async function syncRead<T>(context: Excel.RequestContext, queue: (firstCells: number) => T): Promise<T> {
  const optimistic = queue(FIRST_BLOCK_CELLS);
  try {
    await context.sync();
    return optimistic;
  } catch (e) {
    if (!isPayloadTooLarge(e)) throw e;
  }
  const sized = queue(0);
  await context.sync();
  return sized;
}

function usedArea(read: SheetRead): Area {
  const u = read.used;
  return {
    top: u.rowIndex,
    left: u.columnIndex,
    bottom: u.rowIndex + u.rowCount - 1,
    right: u.columnIndex + u.columnCount - 1,
  };
}

/** The parts of `used` outside `first` (which starts at A1): the rows below it, and the columns right of it. */
function outside(used: Area, first: Area): Area[] {
  const out: Area[] = [];
  if (used.bottom > first.bottom)
    out.push({ top: Math.max(used.top, first.bottom + 1), left: used.left, bottom: used.bottom, right: used.right });
  if (used.right > first.right && used.top <= first.bottom)
    out.push({ top: used.top, left: Math.max(used.left, first.right + 1), bottom: first.bottom, right: used.right });
  return out;
}

/** The bytes the loaded cells of some blocks took in the response. */
function blockBytes(blocks: Excel.Range[]): { bytes: number; cells: number } {
  let bytes = 0;
  let cells = 0;
  for (const b of blocks) {
    if (b.isNullObject) continue;
    bytes += jsonBytes(b.values) + jsonBytes(b.text) + jsonBytes(b.numberFormat);
    cells += b.rowCount * b.columnCount;
  }
  return { bytes, cells };
}

interface Piece {
  read: SheetRead;
  area: Area;
}

/** Takes pieces from the front, splitting one by rows, until `maxCells` cells (at least one row). */
function takeCells(pieces: Piece[], maxCells: number): { batch: Piece[]; rest: Piece[] } {
  const batch: Piece[] = [];
  let left = maxCells;
  let i = 0;
  for (; i < pieces.length; i++) {
    const { read, area } = pieces[i];
    const width = area.right - area.left + 1;
    const rows = area.bottom - area.top + 1;
    const fit = batch.length === 0 ? Math.max(1, Math.floor(left / width)) : Math.floor(left / width);
    if (fit === 0) break;
    if (fit < rows) {
      batch.push({ read, area: { ...area, bottom: area.top + fit - 1 } });
      return { batch, rest: [{ read, area: { ...area, top: area.top + fit } }, ...pieces.slice(i + 1)] };
    }
    batch.push(pieces[i]);
    left -= width * rows;
  }
  return { batch, rest: pieces.slice(i) };
}

/**
 * Reads the pieces in requests sized for PAYLOAD_LIMIT at `perCell` bytes per cell. After each request
 * the size is re-estimated from the bytes the cells actually took (with a 25% margin); a request Excel
 * refuses as too large is sent again at a quarter of the size. One sync per request: their number is set
 * by the sheet's bytes, not by its cells or findings.
 */
async function readPieces(context: Excel.RequestContext, pieces: Piece[], perCell: number): Promise<void> {
  if (pieces.length === 0) return;
  const { batch, rest } = takeCells(pieces, Math.max(1, Math.floor(PAYLOAD_LIMIT / perCell)));
  const loaded = batch.map(({ read, area }) => {
    const range = read.ws.getRange(rangeA1(area.top, area.left, area.bottom, area.right));
    range.load("values,text,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
    return { read, range };
  });
  try {
    await context.sync();
  } catch (e) {
    const single = batch.length === 1 && batch[0].area.top === batch[0].area.bottom;
    if (!isPayloadTooLarge(e) || single) throw e;
    return readPieces(context, pieces, perCell * 4);
  }
  for (const { read, range } of loaded) read.blocks.push(range);
  const measured = blockBytes(loaded.map((l) => l.range));
  const next = measured.cells > 0 ? 1.25 * Math.max(measured.bytes / measured.cells, 16) : perCell;
  return readPieces(context, rest, next);
}

/**
 * Reads what the first blocks did not cover (after the sync that loaded them): the rest of each sheet in
 * row blocks, in requests of at most PAYLOAD_LIMIT bytes, estimated from the bytes per cell the first
 * blocks measured. No sync at all when every sheet fit in its first block.
 */
export async function completeReads(context: Excel.RequestContext, reads: SheetRead[]): Promise<void> {
  const pieces: Piece[] = [];
  for (const read of reads) {
    if (read.used.isNullObject) continue;
    for (const area of outside(usedArea(read), read.first)) pieces.push({ read, area });
  }
  if (pieces.length === 0) return;
  const first = blockBytes(reads.flatMap((r) => r.blocks.slice(0, 1)));
  const perCell = first.cells > 0 ? 1.25 * Math.max(first.bytes / first.cells, 16) : ASSUMED_CELL_BYTES;
  await readPieces(context, pieces, perCell);
}

/** The grid of a read sheet, assembled from its blocks (an empty grid for an empty sheet). */
export function gridOfRead(read: SheetRead): Grid {
  if (read.used.isNullObject) return { top: 0, left: 0, cells: [], merges: [] };
  const merges = read.merged && !read.merged.isNullObject ? parseAreasAddress(read.merged.address) : [];
  const area = usedArea(read);
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  const values: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill(""));
  const text: string[][] = Array.from({ length: rows }, () => new Array(cols).fill(""));
  const numberFormat: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill("General"));
  for (const b of read.blocks) {
    if (b.isNullObject) continue;
    const dr = b.rowIndex - area.top;
    const dc = b.columnIndex - area.left;
    b.values.forEach((row, i) => {
      const r = i + dr;
      if (r < 0 || r >= rows) return;
      row.forEach((v, j) => {
        const c = j + dc;
        if (c < 0 || c >= cols) return;
        values[r][c] = v;
        text[r][c] = b.text[i][j];
        numberFormat[r][c] = b.numberFormat[i][j];
      });
    });
  }
  return gridFromRange(values, text, numberFormat, area.top, area.left, merges);
}

/** Queues the one read batch of a validation (no sync). */
function queueRead(
  context: Excel.RequestContext,
  caps: Capabilities,
  record: AnnotationRecord | null,
  firstCells: number,
): SheetRead {
  const ws = context.workbook.worksheets.getActiveWorksheet();
  ws.load("id,name,protection/protected");
  return queueSheetRead(ws, caps, queuePriorLookups(context, record, caps), firstCells);
}

/** A fill as getCellProperties reports it, in the record's shape. */
function savedFill(p: Excel.CellProperties | undefined): SavedFill | null {
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

/**
 * One sheet's share of a write: the annotations to add, the previous record to undo, and the fills the
 * cells had before the add-in first touched them (`originals`: from the previous record, else read in the
 * write batch itself, before the new fill is set, so no extra round trip is needed).
 */
interface SheetWrite {
  read: SheetRead;
  sheetId: string;
  annotations: CellAnnotation[];
  previous: SheetRecord | undefined;
  /** Cells that keep the user's own note (no note of ours is added there). */
  skipNotes: Set<string>;
  originals: Map<string, SavedFill | null>;
  comments: Map<string, Excel.Comment>;
}

function sheetWrite(
  read: SheetRead,
  sheetId: string,
  annotations: CellAnnotation[],
  previous: SheetRecord | undefined,
  skipNotes: Set<string>,
  captured: Map<string, SavedFill | null>,
): SheetWrite {
  const originals = new Map<string, SavedFill | null>();
  for (const c of previous?.cells ?? []) if (!c.pending) originals.set(c.address, c.fill);
  for (const a of annotations) {
    const key = `${sheetId}|${a.address}`;
    if (!originals.has(a.address) && captured.has(key)) originals.set(a.address, captured.get(key)!);
  }
  return { read, sheetId, annotations, previous, skipNotes, originals, comments: new Map() };
}

/** The record cells of a write; cells whose original fill is not known yet are marked pending. */
function recordCells(w: SheetWrite, mode: "note" | "comment" | "none"): AnnotatedCell[] {
  return w.annotations.map((a) => {
    const known = w.originals.has(a.address);
    const note: AnnotatedCell["note"] = w.skipNotes.has(a.address) || mode === "none" ? null : mode;
    const cell: AnnotatedCell = { address: a.address, fill: known ? w.originals.get(a.address)! : null, note };
    if (!known) cell.pending = true;
    const comment = w.comments.get(a.address);
    if (comment) cell.commentId = comment.id;
    return cell;
  });
}

type WriteItem =
  | { w: SheetWrite; kind: "prior" }
  | { w: SheetWrite; kind: "restore"; cell: AnnotatedCell }
  | { w: SheetWrite; kind: "annotate"; a: CellAnnotation };

/** Estimated request bytes of one write item (commands, addresses, note text, the fill read back). */
function writeItemBytes(item: WriteItem): number {
  if (item.kind === "prior") return 200 * (item.w.previous?.cells.length ?? 0);
  if (item.kind === "restore") return 400;
  return 600 + jsonBytes(item.a.note);
}

/**
 * Sends the writes of one or more sheets: the add-in's previous notes removed, fills of cells no longer
 * flagged restored, original fills read, notes added, then fills set, in requests of at most
 * PAYLOAD_LIMIT bytes (one for any ordinary sheet). Notes come before fills in each request, so that a
 * note Excel refuses fails the request before any fill changed. Captured fills are kept in `captured`
 * (key "sheetId|A1") as each request succeeds, so a retry does not read back its own highlight.
 * Throws: the error of the first request that fails.
 */
async function sendWrites(
  context: Excel.RequestContext,
  writes: SheetWrite[],
  opts: {
    mode: "note" | "comment" | "none";
    prior: PriorLookup;
    caps: Capabilities;
    captured: Map<string, SavedFill | null>;
  },
): Promise<void> {
  const items: WriteItem[] = [];
  for (const w of writes) {
    const now = new Set(w.annotations.map((a) => a.address));
    if (w.previous) {
      items.push({ w, kind: "prior" });
      for (const cell of w.previous.cells) if (!now.has(cell.address)) items.push({ w, kind: "restore", cell });
    }
    for (const a of w.annotations) items.push({ w, kind: "annotate", a });
  }
  // The fill each flagged cell had, read in the same request before it is changed: all of it through
  // getCellProperties (ExcelApi 1.9), or only its colour (format.fill, ExcelApi 1.1) below that.
  let reads: Array<{
    w: SheetWrite;
    address: string;
    result?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
    colour?: Excel.RangeFill;
  }> = [];
  const settle = () => {
    for (const r of reads) {
      const fill = r.result ? savedFill(r.result.value?.[0]?.[0]) : solidFill(r.colour!.color);
      r.w.originals.set(r.address, fill);
      opts.captured.set(`${r.w.sheetId}|${r.address}`, fill);
    }
    reads = [];
  };
  await syncEach(context, groupBySize(items, writeItemBytes), (group) => {
    settle();
    if (opts.caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    for (const item of group)
      if (item.kind === "annotate" && !item.w.originals.has(item.a.address)) {
        const { w, a } = item;
        if (opts.caps.cellProperties)
          reads.push({ w, address: a.address, result: w.read.ws.getRange(a.address).getCellProperties(FILL_PROPS) });
        else reads.push({ w, address: a.address, colour: w.read.ws.getRange(a.address).format.fill.load("color") });
      }
    for (const item of group) {
      const ws = item.w.read.ws;
      if (item.kind === "prior") queueRemovePrior(item.w.sheetId, item.w.previous!, opts.prior);
      else if (item.kind === "restore" && !item.cell.pending)
        queueRestoreFill(ws.getRange(item.cell.address), item.cell.fill);
      else if (item.kind === "annotate" && !item.w.skipNotes.has(item.a.address)) {
        if (opts.mode === "note") ws.notes.add(item.a.address, item.a.note);
        else if (opts.mode === "comment") {
          const c = context.workbook.comments.add(`'${ws.name.replace(/'/g, "''")}'!${item.a.address}`, item.a.note);
          c.load("id");
          item.w.comments.set(item.a.address, c);
        }
      }
    }
    for (const item of group)
      if (item.kind === "annotate") item.w.read.ws.getRange(item.a.address).format.fill.color = item.a.color;
  });
  settle();
}

/** Queues the restore of a record's cells (notes removed, fills put back), in requests under the payload limit. */
async function sendRestores(
  context: Excel.RequestContext,
  sheets: Array<{ ws: Excel.Worksheet; id: string; entry: SheetRecord }>,
  prior: PriorLookup,
): Promise<void> {
  const ops = sheets.flatMap((s) =>
    s.entry.cells.map((cell) => ({
      bytes: 400,
      queue: () => {
        queueRemovePrior(s.id, { name: s.entry.name, cells: [cell] }, prior);
        if (!cell.pending) queueRestoreFill(s.ws.getRange(cell.address), cell.fill);
      },
    })),
  );
  await sendOps(context, ops);
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
 * A larger sheet is read and written in further requests of at most PAYLOAD_LIMIT bytes each.
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
  const record = store.load();

  // ---- read: one batch (more only for a sheet over the payload limit), with the review statuses
  const { read, queuedReviews } = await syncRead(context, (firstCells) => ({
    read: queueRead(context, caps, record, firstCells),
    queuedReviews: queueReviews(context),
  }));
  await completeReads(context, [read]);
  const reviews = opts.reviews ?? reviewsRead(queuedReviews);
  base.reviews = Object.fromEntries(reviews);

  const sheet = { id: read.ws.id, name: read.ws.name };
  if (read.used.isNullObject) return { ...base, sheet, status: "empty-sheet" };
  const grid = gridOfRead(read);
  if (isToolSheet(sheet.name, grid)) return { ...base, sheet, status: "own-sheet" };
  const result = validateGrid(grid, profile, { layouts: opts.layouts });
  if (result.status !== "ok") return { ...base, sheet, status: result.status, result };
  if (read.ws.protection.protected) return { ...base, sheet, status: "protected", result };

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

/**
 * Writes the highlights and notes of one or more sheets, keeping the record of what was written, and
 * recovers once when Excel refuses the request: a flagged cell may already hold the user's own note.
 * Then the flagged cells' notes are looked at, the user's own are kept (no note of ours is added there;
 * "foreign-notes:…" tells the pane), notes of ours left by a half-run request are removed, and the
 * writes are sent again around them. Used by Validate sheet and Validate workbook alike.
 * Inputs: `build` makes the sheets' writes for the cells whose notes are the user's (by sheet id) and the
 * fills already captured; the notes mode, the previous record, capabilities, the store, the queued
 * lookups of earlier notes, and the warnings to add to. Output: the cells highlighted, or null when the
 * write failed even so ("write-failed:…" added to the warnings).
 */
async function writeWithRetry(
  context: Excel.RequestContext,
  opts: {
    build: (skip: Map<string, Set<string>>, captured: Map<string, SavedFill | null>) => SheetWrite[];
    mode: ExcelValidation["notes"];
    record: AnnotationRecord | null;
    caps: Capabilities;
    store: AnnotationStore;
    prior: PriorLookup;
    warnings: string[];
  },
): Promise<number | null> {
  const { mode, record, caps, store } = opts;
  const captured = new Map<string, SavedFill | null>();
  const attempt = async (skip: Map<string, Set<string>>, prior: PriorLookup): Promise<number> => {
    const writes = opts.build(skip, captured);
    const next: AnnotationRecord = record ?? { version: 1, sheets: {} };
    next.sheets = { ...next.sheets };
    const put = () => {
      for (const w of writes) {
        if (w.annotations.length > 0) next.sheets[w.sheetId] = { name: w.read.ws.name, cells: recordCells(w, mode) };
        else delete next.sheets[w.sheetId];
      }
    };
    // Saved before the write, so that a write that fails half-way can still be cleared; saved again with
    // the original fills read back during the write.
    put();
    await store.save(next);
    await sendWrites(context, writes, { mode, prior, caps, captured });
    put();
    await store.save(next);
    return writes.reduce((n, w) => n + w.annotations.length, 0);
  };

  // ---- write: one batch (more only above the payload limit)
  try {
    return await attempt(new Map(), opts.prior);
  } catch (e) {
    console.error(`disclosure-check: writing highlights failed: ${describeOfficeError(e)}`);
  }

  // Recovery (rare): a cell may already hold the user's own note. Look, then write around it.
  try {
    // A failed batch may have run its first commands: look at our previous notes again too.
    const prior = queuePriorLookups(context, record, caps);
    const first = opts.build(new Map(), captured);
    const probes: Array<{ w: SheetWrite; address: string; note: Excel.Note }> = [];
    if (mode === "note") {
      for (const w of first)
        for (const a of w.annotations) {
          const note = w.read.ws.notes.getItemOrNullObject(a.address);
          note.load("content");
          probes.push({ w, address: a.address, note });
        }
    }
    await context.sync();
    const skip = new Map<string, Set<string>>();
    const foreign: string[] = [];
    for (const { w, address, note } of probes) {
      if (note.isNullObject) continue;
      const removedWithPrior = (w.previous?.cells ?? []).some((c) => c.note === "note" && c.address === address);
      if (!String(note.content ?? "").startsWith(NOTE_MARKER)) {
        if (!skip.has(w.sheetId)) skip.set(w.sheetId, new Set());
        skip.get(w.sheetId)!.add(address);
        foreign.push(first.length > 1 ? `${w.read.ws.name}!${address}` : address);
      } else if (!removedWithPrior) note.delete(); // ours, left by the half-run batch
    }
    if (foreign.length > 0) opts.warnings.push(`foreign-notes:${foreign.join(",")}`);
    return await attempt(skip, prior);
  } catch (e) {
    opts.warnings.push(`write-failed:${describeOfficeError(e)}`);
    return null;
  }
}

/**
 * Removes every highlight and note the add-in made on the active sheet and restores the fills that
 * were there before. Works from the record in the workbook, so it still works after the pane was
 * closed or the workbook reopened. One read sync, one write sync (more only above the payload limit).
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
  await sendRestores(context, [{ ws, id: ws.id, entry }], prior);
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
  const record = store.load();

  // ---- read 1: the sheets
  const wsc = context.workbook.worksheets;
  wsc.load("items/id,items/name,items/protection/protected");
  const active = wsc.getActiveWorksheet();
  active.load("id,name");
  const prior = queuePriorLookups(context, record, caps);
  const queuedReviews = queueReviews(context);
  await context.sync();
  const reviews = opts.reviews ?? reviewsRead(queuedReviews);
  base.reviews = Object.fromEntries(reviews);

  // ---- read 2: every sheet's used range, merges and cells
  const everyRead = await syncRead(context, (firstCells) =>
    wsc.items.map((ws) => queueSheetRead(ws, caps, prior, firstCells)),
  );
  await completeReads(context, everyRead);
  // The add-in's own working paper (复核结果) is never validated as input.
  const reads = everyRead.filter((r) => r.used.isNullObject || !isToolSheet(r.ws.name, gridOfRead(r)));

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

/**
 * Clears what the add-in wrote on every sheet it recorded (after Validate workbook). Two syncs (more only
 * for a write over 4 MB).
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
  const clear: Array<{ ws: Excel.Worksheet; id: string; entry: SheetRecord }> = [];
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
    clear.push({ ws, id, entry });
    restored += entry.cells.length;
    delete next.sheets[id];
  }
  await sendRestores(context, clear, prior);
  await store.save(next);
  return { status: skipped.length > 0 && restored === 0 ? "protected" : "ok", restored, skipped };
}
