/**
 * Writing highlights and notes for the adapter (src/excel/adapter.ts): the fills backed up in the same
 * request that changes them, the add-in's notes or comments (and the removal of its earlier ones), the
 * record of what was written, and one write-with-retry around a user's own note, for Validate sheet and
 * Validate workbook alike.
 */
import { type CellAnnotation, NOTE_MARKER } from "../tables/annotations";
import type { Capabilities } from "./capabilities";
import { groupBySize, jsonBytes, syncEach } from "./payload";
import {
  RecordUnreadable,
  type AnnotatedCell,
  type AnnotationRecord,
  type AnnotationStore,
  type SavedFill,
  type SheetRecord,
} from "./record";
import type { SheetRead } from "./read";

export const FILL_PROPS = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

/** Logs an Office error with its code and debugInfo (never swallowed silently). */
export function describeOfficeError(e: unknown): string {
  const err = e as { code?: string; message?: string; debugInfo?: unknown };
  const debug = err?.debugInfo ? ` ${JSON.stringify(err.debugInfo)}` : "";
  return `${err?.code ?? "Error"}: ${err?.message ?? String(e)}${debug}`;
}

/**
 * A fill known only by its colour (ExcelApi 1.1–1.8: RangeFill.color, "#FFFFFF" for a cell without a
 * fill): a solid fill of that colour, or none for white. A cell the user filled white is restored without
 * a fill (it looks the same); a pattern or tint cannot be read below 1.9 and comes back as its colour.
 */
function solidFill(color: string | undefined): SavedFill | null {
  if (!color || color.toUpperCase() === "#FFFFFF") return null;
  return { color, pattern: "Solid" };
}

/** The record of what is about to be written could not be saved (e.g. document settings over their size). */
class RecordNotSaved extends Error {
  constructor(readonly cause: unknown) {
    super("record not saved");
  }
}

/** "Sheet1!H26" or "'My sheet'!H26" (a Range's address) as "Sheet1!H26" / "My sheet!H26". */
function plainAddress(address: string): string {
  const i = address.lastIndexOf("!");
  if (i < 0) return address;
  const sheet = address
    .slice(0, i)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
  return `${sheet}!${address.slice(i + 1).replace(/\$/g, "")}`;
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
  /** ExcelApi 1.10–1.13 (no lookup by id): every comment of the workbook, loaded with its id and content. */
  allComments?: Excel.CommentCollection;
}

/** Queues lookups of the notes/comments the add-in wrote before (all recorded sheets: the active one is not known yet). */
export function queuePriorLookups(
  context: Excel.RequestContext,
  record: AnnotationRecord | null,
  caps: Capabilities,
): PriorLookup {
  const notes = new Map<string, Excel.Note>();
  const comments = new Map<string, Excel.Comment>();
  if (!record) return { notes, comments };
  let allComments: Excel.CommentCollection | undefined;
  for (const [sheetId, sheet] of Object.entries(record.sheets)) {
    // Looked up only for notes (ExcelApi 1.18): a request below 1.4 must not call getItemOrNullObject.
    let ws: Excel.Worksheet | null = null;
    for (const c of sheet.cells) {
      if (c.note === "note" && caps.notes) {
        ws ??= context.workbook.worksheets.getItemOrNullObject(sheetId);
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
export function queueRemovePrior(sheetId: string, sheet: SheetRecord, prior: PriorLookup): void {
  for (const c of sheet.cells) {
    const key = `${sheetId}|${c.address}`;
    const n = prior.notes.get(key);
    if (n && !n.isNullObject && String(n.content ?? "").startsWith(NOTE_MARKER)) n.delete();
    const m = prior.comments.get(key) ?? prior.allComments?.items.find((x) => x.id === c.commentId);
    if (m && !m.isNullObject && String(m.content ?? "").startsWith(NOTE_MARKER)) m.delete();
  }
}

/** A fill as getCellProperties reports it, in the record's shape. */
export function savedFill(p: Excel.CellProperties | undefined): SavedFill | null {
  const f = p?.format?.fill;
  // No fill is kept as null, and only what queueRestoreFill puts back is kept: the record stays small
  // (about a third of the bytes per cell), since document settings have a size limit.
  if (!f || !f.pattern || f.pattern === "None") return null;
  const out: SavedFill = { color: f.color ?? null, pattern: f.pattern };
  if (f.pattern !== "Solid" && f.patternColor) out.patternColor = f.patternColor;
  if (typeof f.tintAndShade === "number" && f.tintAndShade !== 0) out.tintAndShade = f.tintAndShade;
  if (typeof f.patternTintAndShade === "number" && f.patternTintAndShade !== 0)
    out.patternTintAndShade = f.patternTintAndShade;
  return out;
}

/**
 * One sheet's share of a write: the annotations to add, the previous record to undo, and the fills the
 * cells had before the add-in first touched them (`originals`: from the previous record, else read in the
 * write batch itself, before the new fill is set, so no extra round trip is needed).
 */
export interface SheetWrite {
  read: SheetRead;
  sheetId: string;
  annotations: CellAnnotation[];
  previous: SheetRecord | undefined;
  /** Cells that keep the user's own note (no note of ours is added there). */
  skipNotes: Set<string>;
  originals: Map<string, SavedFill | null>;
  comments: Map<string, Excel.Comment>;
}

export function sheetWrite(
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
export function recordCells(w: SheetWrite, mode: "note" | "comment" | "none"): AnnotatedCell[] {
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
export async function sendWrites(
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
export async function writeWithRetry(
  context: Excel.RequestContext,
  opts: {
    build: (skip: Map<string, Set<string>>, captured: Map<string, SavedFill | null>) => SheetWrite[];
    mode: "note" | "comment" | "none";
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
    // the original fills read back during the write. Nothing is written when the record cannot be saved.
    put();
    await store.save(next).catch((e: unknown) => {
      throw new RecordNotSaved(e);
    });
    await sendWrites(context, writes, { mode, prior, caps, captured });
    put();
    await store.save(next);
    return writes.reduce((n, w) => n + w.annotations.length, 0);
  };

  // ---- write: one batch (more only above the payload limit)
  try {
    return await attempt(new Map(), opts.prior);
  } catch (e) {
    if (e instanceof RecordNotSaved) {
      if (e.cause instanceof RecordUnreadable) opts.warnings.push("record-unreadable");
      else opts.warnings.push(`record-failed:${describeOfficeError(e.cause)}`);
      return null;
    }
    console.error(`disclosure-check: writing highlights failed: ${describeOfficeError(e)}`);
  }

  // Recovery (rare): a cell may already hold the user's own note. Look, then write around it.
  try {
    // A failed batch may have run its first commands: look at our previous notes again too.
    const prior = queuePriorLookups(context, record, caps);
    const first = opts.build(new Map(), captured);
    // What sits on the flagged cells: their notes, or (threaded comments, no notes) every comment of the
    // workbook with its cell: ExcelApi 1.10 has no lookup of a comment by cell that tolerates none.
    const probes: Array<{ w: SheetWrite; address: string; found: Excel.Note | Excel.Comment }> = [];
    const flagged = new Map<string, { w: SheetWrite; address: string }>();
    for (const w of first)
      for (const a of w.annotations) flagged.set(`${w.read.ws.name}!${a.address}`, { w, address: a.address });
    let threads: Array<{ comment: Excel.Comment; location: Excel.Range }> = [];
    if (mode === "note") {
      for (const { w, address } of flagged.values()) {
        const note = w.read.ws.notes.getItemOrNullObject(address);
        note.load("content");
        probes.push({ w, address, found: note });
      }
    } else if (mode === "comment") {
      const all = context.workbook.comments;
      all.load("items/id,items/content");
      await context.sync();
      threads = all.items.map((comment) => ({ comment, location: comment.getLocation().load("address") }));
    }
    await context.sync();
    for (const { comment, location } of threads) {
      const at = flagged.get(plainAddress(location.address));
      if (at) probes.push({ ...at, found: comment });
    }
    const skip = new Map<string, Set<string>>();
    const foreign: string[] = [];
    for (const { w, address, found } of probes) {
      if (found.isNullObject) continue;
      const removedWithPrior = (w.previous?.cells ?? []).some((c) => c.note === mode && c.address === address);
      if (!String(found.content ?? "").startsWith(NOTE_MARKER)) {
        if (!skip.has(w.sheetId)) skip.set(w.sheetId, new Set());
        skip.get(w.sheetId)!.add(address);
        foreign.push(first.length > 1 ? `${w.read.ws.name}!${address}` : address);
      } else if (!removedWithPrior) found.delete(); // ours, left by the half-run batch
    }
    if (foreign.length > 0) opts.warnings.push(`foreign-notes:${foreign.join(",")}`);
    return await attempt(skip, prior);
  } catch (e) {
    opts.warnings.push(`write-failed:${describeOfficeError(e)}`);
    return null;
  }
}
