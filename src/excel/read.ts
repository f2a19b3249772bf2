/**
 * Reading sheets for the adapter (src/excel/adapter.ts): the used range, merged areas and cells of a sheet,
 * in blocks of at most the payload limit, into a Grid. Every function takes an Excel.RequestContext or
 * queues on one; nothing here syncs in a loop except the block reads of a sheet over the limit.
 */
import { parseRangeA1, rangeA1 } from "../rules/address";
import type { CellValue } from "../rules/types";
import { displayText } from "../tables/format";
import type { Area, Grid, GridCell } from "../tables/grid";
import type { Capabilities } from "./capabilities";
import { ASSUMED_CELL_BYTES, FIRST_READ_CELL_BYTES, PAYLOAD_LIMIT, isPayloadTooLarge, jsonBytes } from "./payload";
import type { PriorLookup } from "./write";

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

/** Columns of the first block (A:Z). Cells right of it or below it are read in further blocks. */
const FIRST_BLOCK_COLUMNS = 26;

/** Cells of the first block: PAYLOAD_LIMIT at the bytes per cell the seed tables measure. */
export const FIRST_BLOCK_CELLS = Math.floor(PAYLOAD_LIMIT / FIRST_READ_CELL_BYTES);

/**
 * An object from an `…OrNullObject` call that turned out to be a null object, after its sync. False for
 * any other object (Office.js only reports isNullObject for those calls; reading it elsewhere may throw).
 */
export function isNull(o: { isNullObject: boolean } | null | undefined): boolean {
  if (!o) return true;
  try {
    return o.isNullObject === true;
  } catch {
    return false;
  }
}

/**
 * The used range of a sheet, queued (no sync). ExcelApi 1.4: the cells holding values only, a null object
 * when there are none. Below 1.4 (`getUsedRange()`, ExcelApi 1.1): every cell with a value or a format,
 * and A1 when the sheet is blank (it never throws); `isBlankRead` tells a blank sheet from its cells.
 */
export function usedRangeOf(ws: Excel.Worksheet | Excel.Range, caps: Capabilities): Excel.Range {
  return caps.nullObjects ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange();
}

/**
 * Whether a loaded worksheet is protected (loaded as "protection/protected" from ExcelApi 1.4; protection
 * is ExcelApi 1.2). Below 1.4 protection is not read (false): Excel then
 * refuses the write to a protected sheet, and the refusal is reported as a failed write.
 */
export function isProtected(ws: Excel.Worksheet, caps: Capabilities): boolean {
  return caps.nullObjects ? ws.protection.protected : false;
}

export interface SheetRead {
  ws: Excel.Worksheet;
  /** The used range: its address and size only (the cells come in blocks). */
  used: Excel.Range;
  /** Read without null objects (ExcelApi 1.1–1.3): `used` is A1 on a blank sheet and counts formatted cells. */
  legacy: boolean;
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
  const legacy = !caps.nullObjects;
  const used = usedRangeOf(ws, caps);
  used.load("address,rowIndex,columnIndex,rowCount,columnCount");
  let merged: Excel.RangeAreas | null = null;
  if (caps.mergedAreas) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  // Below 1.4 a first block cannot be cut to the used cells (getUsedRangeOrNullObject of a range): the
  // sizes come first, and the cells in measured blocks after them.
  const rows = legacy ? 0 : Math.floor(firstCells / FIRST_BLOCK_COLUMNS);
  if (rows === 0)
    return { ws, used, legacy, merged, first: { top: 0, left: 0, bottom: -1, right: -1 }, blocks: [], prior };
  const first: Area = { top: 0, left: 0, bottom: rows - 1, right: FIRST_BLOCK_COLUMNS - 1 };
  const block = ws.getRange(rangeA1(first.top, first.left, first.bottom, first.right)).getUsedRangeOrNullObject(true);
  block.load("values,text,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
  return { ws, used, legacy, merged, first, blocks: [block], prior };
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
    if (isNull(b)) continue;
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
    if (isNull(read.used)) continue;
    for (const area of outside(usedArea(read), read.first)) pieces.push({ read, area });
  }
  if (pieces.length === 0) return;
  const first = blockBytes(reads.flatMap((r) => r.blocks.slice(0, 1)));
  const perCell = first.cells > 0 ? 1.25 * Math.max(first.bytes / first.cells, 16) : ASSUMED_CELL_BYTES;
  await readPieces(context, pieces, perCell);
}

/** The grid of a read sheet, assembled from its blocks (an empty grid for an empty sheet). */
export function gridOfRead(read: SheetRead): Grid {
  if (isNull(read.used)) return { top: 0, left: 0, cells: [], merges: [] };
  const merges = read.merged && !isNull(read.merged) ? parseAreasAddress(read.merged.address) : [];
  const area = usedArea(read);
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  const values: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill(""));
  const text: string[][] = Array.from({ length: rows }, () => new Array(cols).fill(""));
  const numberFormat: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill("General"));
  for (const b of read.blocks) {
    if (isNull(b)) continue;
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

/**
 * Whether a read sheet holds no value at all (after completeReads). ExcelApi 1.4: its used range of values
 * is a null object. Below 1.4 the used range is A1 or formatted cells: blank when no cell read holds a value.
 */
export function isBlankRead(read: SheetRead): boolean {
  if (isNull(read.used)) return true;
  if (!read.legacy) return false;
  return read.blocks.every((b) => isNull(b) || b.values.every((row) => row.every((v) => v === "" || v === null)));
}
