/**
 * Reads a workbook file into the plain grids the pipeline takes, within bounds.
 *
 * The reading library is SheetJS (`@e965/xlsx`, the SheetJS Community Edition 0.20.3 build published to
 * npm): measured on every fixture it gives the same values, number formats and merged areas as exceljs
 * did, reads the 1,000-table benchmark workbook in 1.3 s instead of 42 s, and reads what exceljs refused
 * (rows without `r`, prefixed namespaces, chartsheets, comments and images written by openpyxl,
 * overlapping merges) as well as .xls, WPS .et and .ods.
 *
 * Bounds, checked before the library parses anything: the declared and the actual uncompressed size of
 * each XML part (a zip bomb is stopped while it inflates), and the cells read: a row or column beyond
 * READ_LIMITS is not materialised (a stray cell in column XFD costs nothing); its content is reported.
 */
import * as XLSX from "@e965/xlsx";
import * as zlib from "zlib";
import { Unzip, UnzipPassThrough, unzipSync, zipSync } from "fflate";
import { toA1 } from "../../rules/address";
import type { CellValue } from "../../rules/types";
import { displayText } from "../../tables/format";
import type { Area, Grid, GridCell } from "../../tables/grid";
import type { ReaderNote } from "../../tables/readNotes";
import { identify, type FileKind, type FileProblem } from "./identify";

/** The bounds of a read. Sizes in bytes. */
export const READ_LIMITS = {
  /** Uncompressed size of one XML part (a sheet, the shared strings). */
  partBytes: 64 * 1024 * 1024,
  /** Uncompressed size of all XML parts together. */
  totalBytes: 160 * 1024 * 1024,
  /** Columns read (A … AMJ); content further right is reported, not read. */
  columns: 1024,
  /** Rows read. */
  rows: 200_000,
  /**
   * Cells in one worksheet part, counted while it inflates (before any parsing). A cell costs the
   * reading library about 550 bytes of memory: 1.5 million cells stay under 1 GB. The 1,000-table
   * benchmark workbook, larger than any real department's, has about 130,000.
   */
  cells: 1_500_000,
};

/** A problem that stops a file from being checked: what happened, in both languages. */
export class FileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly kind: FileKind | "io" = "io",
  ) {
    super(problem.zh);
  }
}

/** Something the reader saw in a sheet that a finding should say (a formula without a result, content out of bounds). */
export type ReadNote = ReaderNote;

export interface ReadSheet {
  name: string;
  grid: Grid;
  notes: ReadNote[];
}

export interface ReadWorkbook {
  kind: FileKind;
  sheets: ReadSheet[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Inflates the XML parts of a zip while counting, and stops at the limits: the sizes a zip declares can
 * lie. Output: null when within bounds, else the part that is too large and how far it got.
 */
function oversizedPart(
  data: Uint8Array,
  limits = READ_LIMITS,
): { name: string; bytes: number; total: boolean; cells?: number } | null {
  let total = 0;
  let over: { name: string; bytes: number; total: boolean; cells?: number } | null = null;
  /**
   * Inflates one deflated part with Node's zlib (native: several times faster than a JavaScript inflate in
   * a fresh process), never past what the limits leave: a bomb stops at the limit, not in memory.
   * A truncated stream gives what it holds (the reader then says the file is damaged).
   */
  class NativeInflate {
    static compression = 8;
    ondata: (err: Error | null, data: Uint8Array, final: boolean) => void = () => undefined;
    private readonly chunks: Uint8Array[] = [];
    push(data: Uint8Array, final: boolean): void {
      this.chunks.push(data.slice());
      if (!final) return;
      const room = Math.min(limits.partBytes, limits.totalBytes - total) + 1;
      let out: Uint8Array;
      try {
        out = zlib.inflateRawSync(Buffer.concat(this.chunks), {
          maxOutputLength: room,
          finishFlush: zlib.constants.Z_SYNC_FLUSH,
        });
      } catch (e) {
        // Beyond the room left (zlib stops there): the part's handler below refuses the file.
        return this.ondata(Object.assign(e as Error, { room }), new Uint8Array(0), true);
      }
      this.ondata(null, out, true);
    }
  }
  const uz = new Unzip((file) => {
    if (over || !/\.(xml|bin|rels)$/i.test(file.name)) return;
    const worksheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    let bytes = 0;
    let cells = 0;
    // The end of the previous chunk, so that a cell tag split across chunks is counted once.
    let carry: Uint8Array = new Uint8Array(0);
    file.ondata = (err, chunk) => {
      if (over) return;
      if (err) {
        const { code, room } = err as unknown as { code?: string; room?: number };
        if (code === "ERR_BUFFER_TOO_LARGE" && room !== undefined) {
          total += room;
          over = { name: file.name, bytes: room, total: room <= limits.partBytes };
        }
        return;
      }
      bytes += chunk.length;
      total += chunk.length;
      if (worksheet) {
        const joined = carry.length ? concat(carry, chunk) : chunk;
        cells += countCellTags(joined, carry.length);
        carry = joined.subarray(Math.max(0, joined.length - 16));
      }
      if (bytes > limits.partBytes || total > limits.totalBytes) {
        over = { name: file.name, bytes, total: bytes <= limits.partBytes };
        file.terminate();
      } else if (cells > limits.cells) {
        over = { name: file.name, bytes, total: false, cells };
        file.terminate();
      }
    };
    file.start();
  });
  uz.register(NativeInflate);
  uz.register(UnzipPassThrough);
  try {
    const step = 1 << 20;
    for (let i = 0; i < data.length && !over; i += step) uz.push(data.subarray(i, i + step), i + step >= data.length);
  } catch {
    // A damaged stream is left to the reader, which says so.
  }
  return over;
}

const isNameByte = (x: number) =>
  (x >= 0x30 && x <= 0x39) ||
  (x >= 0x41 && x <= 0x5a) ||
  (x >= 0x61 && x <= 0x7a) ||
  x === 0x5f ||
  x === 0x2d ||
  x === 0x2e;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Counts cell elements in a piece of worksheet XML: "<c" or "…:c" (a prefixed namespace) followed by a
 * space, "/" or ">" (so <col>, <cfRule> are not counted). Tags that end before `from` were counted with
 * the previous piece.
 */
function countCellTags(b: Uint8Array, from: number): number {
  let n = 0;
  for (let i = Math.max(1, from - 1); i + 1 < b.length; i++) {
    if (b[i] !== 0x63 || (b[i - 1] !== 0x3c && b[i - 1] !== 0x3a)) continue; // "c" after "<" or ":"
    if (b[i - 1] === 0x3a) {
      // A prefix: only an opening tag "<x:c" counts, not "</x:c>".
      let j = i - 2;
      while (j >= 0 && isNameByte(b[j])) j--;
      if (j < 0 || b[j] !== 0x3c) continue;
    }
    const next = b[i + 1];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

interface SheetCell {
  t: "n" | "s" | "b" | "e" | "z" | "d";
  v?: unknown;
  w?: string;
  f?: string;
  z?: string | number;
}

/** One SheetJS cell as the plain value the pipeline reads (formulas give their cached result). */
function plainValue(c: SheetCell | undefined): CellValue {
  if (!c) return null;
  switch (c.t) {
    case "n":
      return typeof c.v === "number" ? c.v : null;
    case "s":
      return typeof c.v === "string" ? c.v : String(c.v ?? "");
    case "b":
      return c.v === true;
    case "e":
      return c.w ?? ERRORS[Number(c.v)] ?? "#VALUE!";
    case "d":
      return c.v instanceof Date ? (c.v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : null;
    default:
      return null;
  }
}

/**
 * Builds the grid of one SheetJS sheet (dense mode): values, the text Excel shows, number formats and
 * merged areas. Cells covered by a merge (not its top-left) read as empty, as in Excel. Only rows and
 * columns within the limits are materialised.
 */
function sheetGrid(ws: XLSX.WorkSheet, limits = READ_LIMITS): { grid: Grid; notes: ReadNote[] } {
  const data = ((ws as unknown as { "!data"?: SheetCell[][] })["!data"] ?? []) as SheetCell[][];
  const notes: ReadNote[] = [];
  const merges: Area[] = [];
  for (const m of ws["!merges"] ?? []) {
    if (m.s.r >= limits.rows || m.s.c >= limits.columns) continue;
    merges.push({
      top: m.s.r,
      left: m.s.c,
      bottom: Math.min(m.e.r, limits.rows - 1),
      right: Math.min(m.e.c, limits.columns - 1),
    });
  }
  // Content out of bounds: reported once per sheet at its first cell, with the count.
  let outside = 0;
  let firstOutside: { row: number; col: number } | null = null;
  let width = 0;
  let height = 0;
  data.forEach((row, r) => {
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell || (cell.t === "z" && !cell.f)) return;
      if (r >= limits.rows || c >= limits.columns) {
        outside++;
        if (!firstOutside) firstOutside = { row: r, col: c };
        return;
      }
      width = Math.max(width, c + 1);
      height = Math.max(height, r + 1);
    });
  });
  if (firstOutside) {
    const f = firstOutside as { row: number; col: number };
    notes.push({
      kind: "out-of-bounds",
      row: f.row,
      col: f.col,
      detail: String(outside),
      limits: { columns: limits.columns, rows: limits.rows },
    });
  }
  const cells: GridCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row = data[r];
    if (!row || row.length === 0) {
      cells.push([]);
      continue;
    }
    const out: GridCell[] = new Array(width);
    let any = false;
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      const numberFormat = cell && typeof cell.z === "string" ? cell.z : "General";
      if (!cell) {
        out[c] = { value: null, text: "", numberFormat };
        continue;
      }
      any = true;
      if (cell.t === "z" && cell.f) notes.push({ kind: "uncached-formula", row: r, col: c, detail: cell.f });
      const value = plainValue(cell);
      out[c] = { value, text: cell.t === "e" ? String(value) : displayText(value, numberFormat), numberFormat };
    }
    cells.push(any ? out : []);
  }
  // Cells covered by a merge (not its top-left) read as empty, as in Excel: only the cells read are visited.
  for (const m of merges) {
    for (let r = m.top; r <= Math.min(m.bottom, height - 1); r++) {
      const row = cells[r];
      for (let c = m.left; c <= Math.min(m.right, row.length - 1); c++) {
        if ((r !== m.top || c !== m.left) && row[c] && row[c].value !== null)
          row[c] = { value: null, text: "", numberFormat: row[c].numberFormat };
      }
    }
  }
  return { grid: { top: 0, left: 0, cells, merges }, notes };
}

const SHEETJS_OPTIONS: XLSX.ParsingOptions = {
  type: "buffer",
  dense: true,
  cellNF: true,
  cellFormula: true,
  cellDates: false,
  cellStyles: false,
  sheetStubs: true,
};

/**
 * Parses with SheetJS. A valid .xlsx package whose zip structure SheetJS does not follow (a stored part
 * with its sizes in a data descriptor after the data, as streaming zip writers produce) is repacked
 * with fflate, without its media, and parsed again. Throws: SheetJS's error when both fail.
 */
function readWith(data: Uint8Array, kind: FileKind): XLSX.WorkBook {
  try {
    return XLSX.read(data, SHEETJS_OPTIONS);
  } catch (first) {
    if (kind !== "xlsx") throw first;
    let repacked: Uint8Array;
    try {
      repacked = zipSync(unzipSync(data, { filter: (f) => !/^xl\/media\//i.test(f.name) }), { level: 0 });
    } catch {
      throw first;
    }
    return XLSX.read(repacked, SHEETJS_OPTIONS);
  }
}

/**
 * Reads a workbook from its bytes.
 * Input: the file's bytes. Output: its kind and, per worksheet (chartsheets and dialog sheets are
 * skipped), the grid and what the reader noted.
 * Throws: FileError (both languages) when the file is not a workbook this tool can read, is encrypted,
 * damaged, has no worksheet, or is beyond READ_LIMITS.
 */
export function readWorkbookBytes(data: Uint8Array, limits = READ_LIMITS): ReadWorkbook {
  const id = identify(data);
  if (id.problem) throw new FileError(id.problem, id.kind);
  if (id.entries) {
    for (const e of id.entries) {
      if (/\.(xml|bin)$/i.test(e.name) && e.originalSize > limits.partBytes)
        throw new FileError(tooLarge(e.name, e.originalSize, limits), id.kind);
    }
    const over = oversizedPart(data, limits);
    if (over?.cells)
      throw new FileError(
        {
          zh: `工作表部件 ${over.name} 有超过 ${limits.cells >= 10000 ? `${limits.cells / 10000} 万个` : `${limits.cells} 个`}单元格（读到第 ${over.cells.toLocaleString("en-US")} 个时停止），超出本工具的读取上限，未校验。请删去与公开表格无关的数据或按工作表拆分后再校验。`,
          en: `the sheet part ${over.name} holds more than ${limits.cells.toLocaleString("en-US")} cells (stopped at ${over.cells.toLocaleString("en-US")}), beyond this tool's limit; not checked. Remove data unrelated to the disclosure tables or split the workbook by sheet.`,
        },
        id.kind,
      );
    if (over) throw new FileError(tooLarge(over.name, over.bytes, limits, over.total), id.kind);
  }
  let wb: XLSX.WorkBook;
  try {
    wb = readWith(data, id.kind);
  } catch (e) {
    const why = (e as Error).message;
    if (/password|encrypt/i.test(why))
      throw new FileError(
        {
          zh: "工作簿设有打开密码（已加密），无法读取。请在 Excel 中删除密码并另存后再校验。",
          en: "the workbook is password-protected (encrypted). Remove the password in Excel, save, then check it.",
        },
        "encrypted",
      );
    throw new FileError(
      {
        zh: `文件已损坏或格式不受支持，无法读取（${why}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再校验。`,
        en: `the file is damaged or its format is not supported (${why}). Open it in Excel or WPS, save it as .xlsx, then check it.`,
      },
      id.kind,
    );
  }
  const sheets: ReadSheet[] = [];
  wb.SheetNames.forEach((name) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    const type = (ws as unknown as { "!type"?: string })["!type"];
    if (type === "chart" || type === "dialog" || type === "macro") return;
    const { grid, notes } = sheetGrid(ws, limits);
    sheets.push({ name, grid, notes });
  });
  if (sheets.length === 0)
    throw new FileError(
      {
        zh: "工作簿中没有任何工作表（只有图表工作表或部件缺失），没有可校验的内容。",
        en: "the workbook holds no worksheet (only chart sheets, or its parts are missing); there is nothing to check.",
      },
      id.kind,
    );
  return { kind: id.kind, sheets };
}

function tooLarge(part: string, bytes: number, limits: typeof READ_LIMITS, total = false): FileProblem {
  return total
    ? {
        zh: `工作簿解压后超过 ${mb(limits.totalBytes)}（读到 ${part} 时），超出本工具的读取上限，未校验。请按工作表拆分后再校验。`,
        en: `the workbook inflates to more than ${mb(limits.totalBytes)} (at ${part}), beyond this tool's limit; not checked. Split it by sheet and check the parts.`,
      }
    : {
        zh: `部件 ${part} 解压后至少 ${mb(bytes)}，超过单个部件 ${mb(limits.partBytes)} 的读取上限，未校验。请按工作表拆分后再校验。`,
        en: `the part ${part} inflates to at least ${mb(bytes)}, beyond the ${mb(limits.partBytes)} limit per part; not checked. Split the workbook by sheet and check the parts.`,
      };
}

/** The A1 address of a read note's cell. */
export const noteAddress = (n: ReadNote): string => toA1(n.row, n.col);
