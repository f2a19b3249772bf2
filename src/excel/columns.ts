/**
 * Insert and remove the recomputed columns in Excel: live DC.* formulas beside each recognised table.
 * Each block the add-in writes is tagged with a workbook name (DC_RECOMPUTED_n) that follows the block
 * when the user inserts rows or columns elsewhere, and a record in the document settings says how to take
 * it out again: delete the inserted columns, or clear the cells written and restore their formats.
 */
import { columnLetters, toA1 } from "../rules/address";
import {
  planRecomputedColumns,
  BLOCK_WIDTH,
  type ColumnBlock,
  type ColumnPlan,
  type RecomputedCell,
} from "../tables/columns";
import { validateGrid, type ProfileSelection } from "../tables/validate";
import {
  completeReads,
  describeOfficeError,
  gridOfRead,
  syncRead,
  queueRestoreFill,
  queueSheetRead,
  type SheetRead,
} from "./adapter";
import type { Capabilities } from "./capabilities";
import { groupBySize, jsonBytes, PAYLOAD_LIMIT, sendOps, type QueuedOp } from "./payload";
import { memoryStore, saveSetting, type SavedFill } from "./record";

export const COLUMNS_SETTINGS_KEY = "disclosure-check.columns";
export const NAME_PREFIX = "DC_RECOMPUTED_";

/** A cell written into formerly empty cells, with the formats it had (restored on Remove). */
export interface SavedCell {
  /** Row relative to the block's first row; column 0–2 within the block. */
  row: number;
  col: number;
  numberFormat: string;
  /** Set for header cells, whose fill and font the add-in changed. */
  fill?: SavedFill | null;
  font?: { bold: boolean; color: string | null };
}

export interface BlockRecord {
  sheetId: string;
  sheetName: string;
  mode: ColumnBlock["mode"];
  /** empty-cells only: every cell written. */
  cells?: SavedCell[];
}

export interface ColumnsRecord {
  version: 1;
  /** By workbook name (DC_RECOMPUTED_n). */
  blocks: Record<string, BlockRecord>;
}

/** Where the record lives (document settings in Excel, memory in tests). */
export interface ColumnsStore {
  load(): ColumnsRecord | null;
  save(record: ColumnsRecord | null): Promise<void>;
}

/** A recomputed cell's value as written without custom functions: its number, or its text (#VALUE! with the reason stays visible in the pane). */
function valueOf(c: RecomputedCell): string | number {
  return typeof c.value === "number"
    ? c.value
    : c.value === "" || c.value === null || c.value === undefined
      ? ""
      : String(c.value);
}

/**
 * A run of cells cut into pieces of at most a quarter of the payload limit each (one column of 1,000
 * stacked tables holds more than one request may carry), so that every write fits in a request.
 */
function bySize(run: RecomputedCell[]): RecomputedCell[][] {
  return groupBySize(
    run,
    (c) => 16 + jsonBytes(c.formula ?? c.header ?? "") + jsonBytes(c.numberFormat),
    PAYLOAD_LIMIT / 4,
  );
}

/** An in-memory store (tests, simulated host). */
export function memoryColumnsStore(): ColumnsStore {
  return memoryStore<ColumnsRecord>();
}

/** The record in Office document settings (removed when no block is left). */
export function officeColumnsStore(settings: Office.Settings): ColumnsStore {
  return {
    load: () => {
      const v = settings.get(COLUMNS_SETTINGS_KEY) as ColumnsRecord | null;
      return v && v.version === 1 && v.blocks && typeof v.blocks === "object" ? v : null;
    },
    save: (record) => saveSetting(settings, COLUMNS_SETTINGS_KEY, record),
  };
}

export type InsertStatus =
  | "ok"
  | "empty-sheet"
  | "no-table"
  | "no-scored-table"
  | "protected"
  | "unsupported"
  | "needs-1.9"
  | "already-inserted"
  | "needs-shift"
  | "write-failed";

export interface InsertResult {
  status: InsertStatus;
  sheet: { id: string; name: string };
  /** Blocks written, formulas written, and whole columns inserted. */
  blocks: number;
  formulas: number;
  /**
   * "values": the host has no custom functions (CustomFunctionsRuntime 1.1), so the recomputed columns
   * hold today's values instead of DC.* formulas; `formulas` then counts those cells.
   */
  written?: "formulas" | "values";
  insertedColumns: number;
  /** needs-shift: where whole columns would be inserted (e.g. ["P:R"]), for the pane to ask first. */
  shiftAt: string[];
  /** write-failed: the Office error. */
  error?: string;
}

const letters = (left: number) => `${columnLetters(left)}:${columnLetters(left + BLOCK_WIDTH - 1)}`;

/** Contiguous runs of rows in one column of a block, so that each run is written as one range. */
function runs<C extends { row: number; col: number }>(cells: C[], col: number): C[][] {
  const out: C[][] = [];
  for (const c of cells.filter((x) => x.col === col).sort((a, b) => a.row - b.row)) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1].row === c.row - 1) last.push(c);
    else out.push([c]);
  }
  return out;
}

/** Queues Insert's first read (no sync): the sheet, the names in use, and the sheet's cells. */
function queueInsertRead(
  ws: Excel.Worksheet,
  names: Excel.NamedItemCollection,
  caps: Capabilities,
  firstCells: number,
): SheetRead {
  ws.load("id,name,protection/protected");
  names.load("items/name");
  return queueSheetRead(ws, caps, { notes: new Map(), comments: new Map() }, firstCells);
}

/**
 * Inserts the recomputed columns beside every recognised self-evaluation table of the active sheet.
 * Three syncs: read the sheet and the workbook's names; read the formats of the cells to be written
 * (saved for Remove) and of the headers (copied); write everything. A sheet or a write over the payload
 * limit (4 MB) takes more, one per 4 MB.
 * Inputs: a request context; the profile selection (the formulas name each table's profile: the selected
 * one, or under auto the table's inferred one); `allowShift`, the user's consent to insert whole columns
 * where the cells right of a table are not empty; capabilities; the columns record store.
 * Output: what happened. `needs-shift` writes nothing and lists the columns that would be inserted.
 * Throws: only the errors of the read batches; a failed write is reported as `write-failed`.
 */
export async function insertRecomputedColumns(
  context: Excel.RequestContext,
  opts: { profile: ProfileSelection; allowShift: boolean; caps: Capabilities; store: ColumnsStore },
): Promise<InsertResult> {
  const { caps, store } = opts;
  const base: InsertResult = {
    status: "ok",
    sheet: { id: "", name: "" },
    blocks: 0,
    formulas: 0,
    insertedColumns: 0,
    shiftAt: [],
  };
  if (!caps.minimum) return { ...base, status: "unsupported" };
  // The blocks are tracked by named items (1.4) and the formats backed up with getCellProperties (1.9).
  if (!caps.nullObjects) return { ...base, status: "needs-1.9" };
  const record: ColumnsRecord = store.load() ?? { version: 1, blocks: {} };

  // ---- read 1: the sheet and the names in use
  const ws = context.workbook.worksheets.getActiveWorksheet();
  const names = context.workbook.names;
  const read: SheetRead = await syncRead(context, (firstCells) => queueInsertRead(ws, names, caps, firstCells));
  await completeReads(context, [read]);

  const sheet = { id: read.ws.id, name: read.ws.name };
  if (read.used.isNullObject) return { ...base, sheet, status: "empty-sheet" };
  if (Object.values(record.blocks).some((b) => b.sheetId === sheet.id))
    return { ...base, sheet, status: "already-inserted" };
  const grid = gridOfRead(read);
  const result = validateGrid(grid, opts.profile);
  if (result.status !== "ok") return { ...base, sheet, status: result.status };
  const plan: ColumnPlan = planRecomputedColumns(grid, result);
  if (plan.blocks.length === 0) return { ...base, sheet, status: "no-scored-table" };
  if (read.ws.protection.protected) return { ...base, sheet, status: "protected" };
  if (!caps.cellProperties) return { ...base, sheet, status: "needs-1.9" };
  const shifted = plan.blocks.filter((b) => b.mode === "insert-columns");
  if (shifted.length > 0 && !opts.allowShift)
    return { ...base, sheet, status: "needs-shift", shiftAt: shifted.map((b) => letters(b.insertAt)) };

  // ---- read 2: number formats of the cells to be written into (empty-cells blocks), the fill and font of
  // the header cells among them, and the style of the header sources (cell properties only where needed:
  // for a whole block they would be ~200 bytes a cell)
  const FORMAT_PROPS = {
    format: {
      fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true },
      font: { bold: true, color: true },
    },
  };
  const saved = plan.blocks.map((b) => {
    const header = b.headerStyleFrom
      ? ws.getRange(toA1(b.headerStyleFrom.row, b.headerStyleFrom.col)).getCellProperties(FORMAT_PROPS)
      : null;
    if (b.mode !== "empty-cells") return { header, area: null, props: null };
    const area = ws.getRange(`${toA1(b.top, b.insertAt)}:${toA1(b.bottom, b.insertAt + BLOCK_WIDTH - 1)}`);
    area.load("numberFormat");
    const props = new Map(
      b.cells
        .filter((c) => c.header)
        .map((c) => [`${c.row},${c.col}`, ws.getRange(toA1(c.row, c.col)).getCellProperties(FORMAT_PROPS)]),
    );
    return { header, area, props };
  });
  await context.sync();

  // ---- write: one batch (more only above the payload limit). Column inserts and the names that tag the
  // blocks go first, so that a write that fails half-way leaves blocks Remove can find.
  const ops: QueuedOp[] = [];
  const first: Array<() => void> = [];
  const taken = new Set(names.items.map((n) => n.name.toUpperCase()));
  let n = 1;
  const nextName = () => {
    while (taken.has(`${NAME_PREFIX}${n}`)) n++;
    taken.add(`${NAME_PREFIX}${n}`);
    return `${NAME_PREFIX}${n}`;
  };
  // Whole columns first, right to left, so that each insertion's position is still the planned one.
  for (const b of [...shifted].sort((x, y) => y.insertAt - x.insertAt))
    first.push(() => ws.getRange(letters(b.insertAt)).insert("Right"));
  let formulas = 0;
  const next: ColumnsRecord = { version: 1, blocks: { ...record.blocks } };
  plan.blocks.forEach((b, i) => {
    for (let k = 0; k < BLOCK_WIDTH; k++) {
      for (const run of runs(b.cells, b.left + k).flatMap((r) => bySize(r))) {
        const numberFormat = run.map((c) => [c.numberFormat]);
        // Without custom functions: the value each formula gives today (as the CLI writes), never #NAME?.
        const values = run.map((c) => [
          c.formula && !caps.customFunctions ? valueOf(c) : (c.formula ?? c.header ?? ""),
        ]);
        const address = `${toA1(run[0].row, b.left + k)}:${toA1(run[run.length - 1].row, b.left + k)}`;
        ops.push({
          bytes: 200 + jsonBytes(address) + jsonBytes(numberFormat) + jsonBytes(values),
          queue: () => {
            const range = ws.getRange(address);
            range.numberFormat = numberFormat;
            range.formulas = values;
          },
        });
        formulas += run.filter((c) => c.formula).length;
      }
    }
    const style = saved[i].header?.value?.[0]?.[0]?.format;
    for (const c of b.cells.filter((x) => x.header)) {
      ops.push({
        bytes: 600,
        queue: () => {
          const cell = ws.getRange(toA1(c.row, c.col));
          cell.format.font.bold = true;
          if (style?.font?.color) cell.format.font.color = style.font.color;
          if (style?.fill?.color && style.fill.pattern && style.fill.pattern !== "None")
            cell.format.fill.color = style.fill.color;
        },
      });
    }
    if (b.mode === "insert-columns") first.push(() => (ws.getRange(letters(b.left)).format.columnWidth = 72));
    const name = nextName();
    const address = `${toA1(b.top, b.left)}:${toA1(b.bottom, b.left + BLOCK_WIDTH - 1)}`;
    first.push(() =>
      context.workbook.names.add(
        name,
        ws.getRange(address),
        "disclosure-check: recomputed columns (removed by Remove recomputed columns)",
      ),
    );
    const entry: BlockRecord = { sheetId: sheet.id, sheetName: sheet.name, mode: b.mode };
    if (b.mode === "empty-cells") {
      const nf = saved[i].area!.numberFormat;
      const props = saved[i].props!;
      entry.cells = b.cells.map((c) => {
        const r = c.row - b.top;
        const k = c.col - b.left;
        const p = props.get(`${c.row},${c.col}`)?.value?.[0]?.[0]?.format;
        return {
          row: r,
          col: k,
          numberFormat: String(nf[r]?.[k] ?? "General"),
          ...(c.header
            ? {
                fill: p?.fill
                  ? {
                      color: p.fill.color ?? null,
                      pattern: p.fill.pattern ?? null,
                      patternColor: p.fill.patternColor ?? null,
                      tintAndShade: p.fill.tintAndShade ?? null,
                      patternTintAndShade: p.fill.patternTintAndShade ?? null,
                    }
                  : null,
                font: { bold: !!p?.font?.bold, color: p?.font?.color ?? null },
              }
            : {}),
        };
      });
    }
    next.blocks[name] = entry;
  });
  // Saved before the write, so that a write that fails half-way can still be removed.
  await store.save(next);
  const all = [{ bytes: 400 * first.length, queue: () => first.forEach((q) => q()) }, ...ops];
  try {
    await sendOps(context, all, () => {
      if (caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    });
  } catch (e) {
    return { ...base, sheet, status: "write-failed", error: describeOfficeError(e) };
  }
  return {
    ...base,
    sheet,
    blocks: plan.blocks.length,
    formulas,
    insertedColumns: plan.insertedColumns,
    written: caps.customFunctions ? "formulas" : "values",
  };
}

export interface RemoveResult {
  status: "ok" | "protected" | "unsupported";
  /** Blocks removed; blocks whose name the user deleted (nothing to find); sheets left alone (protected). */
  removed: number;
  lost: string[];
  skipped: string[];
}

/**
 * Removes every block of recomputed columns the add-in inserted, on every sheet: inserted columns are
 * deleted; cells written into are cleared and get back their number format, fill and font. The names
 * and the record go too. Two syncs (more only for a write over 4 MB). The sheet returns to exactly how it
 * was before Insert.
 * Output: blocks removed, names no longer found, protected sheets left alone.
 */
export async function removeRecomputedColumns(
  context: Excel.RequestContext,
  opts: { caps: Capabilities; store: ColumnsStore },
): Promise<RemoveResult> {
  const { caps, store } = opts;
  if (!caps.minimum) return { status: "unsupported", removed: 0, lost: [], skipped: [] };
  const record = store.load();
  if (!record) return { status: "ok", removed: 0, lost: [], skipped: [] };
  // Below ExcelApi 1.4 the blocks' named items cannot be looked up: nothing is touched.
  if (!caps.nullObjects) return { status: "unsupported", removed: 0, lost: [], skipped: [] };

  // ---- read: each block's name, its current range, and its sheet's protection
  const found = Object.entries(record.blocks).map(([name, entry]) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    const range = item.getRangeOrNullObject();
    range.load("address,rowIndex,columnIndex");
    const ws = context.workbook.worksheets.getItemOrNullObject(entry.sheetId);
    ws.load("name,protection/protected");
    return { name, entry, item, range, ws };
  });
  await context.sync();

  // ---- write: per sheet, right to left
  const next: ColumnsRecord = { version: 1, blocks: { ...record.blocks } };
  const lost: string[] = [];
  const skipped = new Set<string>();
  let removed = 0;
  const live = found.filter((f) => {
    if (f.item.isNullObject || f.range.isNullObject || f.ws.isNullObject) {
      lost.push(f.name);
      delete next.blocks[f.name];
      return false;
    }
    if (f.ws.protection.protected) {
      skipped.add(f.ws.name);
      return false;
    }
    return true;
  });
  // Right to left; written cells are cleared and get their number formats back a run of rows at a time,
  // in requests of at most PAYLOAD_LIMIT bytes (one for any ordinary sheet).
  const ops: QueuedOp[] = [];
  for (const f of live.sort((a, b) => b.range.columnIndex - a.range.columnIndex)) {
    const top = f.range.rowIndex;
    const left = f.range.columnIndex;
    if (f.entry.mode === "insert-columns") {
      ops.push({ bytes: 200, queue: () => f.ws.getRange(letters(left)).delete("Left") });
    } else {
      const cells = f.entry.cells ?? [];
      for (let k = 0; k < BLOCK_WIDTH; k++)
        for (const run of runs(cells, k)) {
          const address = `${toA1(top + run[0].row, left + k)}:${toA1(top + run[run.length - 1].row, left + k)}`;
          const numberFormat = run.map((c) => [c.numberFormat]);
          ops.push({
            bytes: 300 + jsonBytes(numberFormat),
            queue: () => {
              const range = f.ws.getRange(address);
              range.clear("Contents");
              range.numberFormat = numberFormat;
            },
          });
        }
      for (const c of cells.filter((x) => x.font || x.fill !== undefined))
        ops.push({
          bytes: 800,
          queue: () => {
            const cell = f.ws.getRange(toA1(top + c.row, left + c.col));
            if (c.font) {
              cell.format.font.bold = c.font.bold;
              if (c.font.color) cell.format.font.color = c.font.color;
            }
            if (c.fill !== undefined) queueRestoreFill(cell, c.fill);
          },
        });
    }
    ops.push({ bytes: 200, queue: () => f.item.delete() });
    delete next.blocks[f.name];
    removed++;
  }
  await sendOps(context, ops);
  await store.save(Object.keys(next.blocks).length > 0 ? next : null);
  return { status: skipped.size > 0 && removed === 0 ? "protected" : "ok", removed, lost, skipped: [...skipped] };
}
