/**
 * Finds every self-evaluation table on a grid (项目支出绩效自评表 in the 2024 and 2020 layouts and the
 * provinces' variants, 单位/部门整体支出绩效自评表, 专项资金 and 转移支付 自评表), by their labels, wherever
 * they sit: several per sheet, stacked or side by side, with merged cells.
 * Columns are mapped by header text through the vocabulary (src/tables/vocabulary), never by position;
 * headers no role could be given are recorded, so that a table never passes unchecked in silence.
 */
import { isPlaceholder } from "../rules/parse";
import type {
  FundBlock,
  FundBreakdown,
  FundRow,
  IndicatorBlock,
  IndicatorRow,
  LevelGroup,
  SelfEvaluationTable,
  StatedCell,
  TableKind,
  UnmappedHeader,
} from "../rules/types";
import { EMPTY_CELL, cellAt, gridSize, normLabel, statedAt, type Area, type Grid } from "./grid";
import { layoutRoles, type SavedLayout } from "./layouts";
import { isOneOf, matchRole, normaliseHeader, type NormalisedHeader } from "./vocabulary/normalise";
import {
  ACHIEVED_TEXT_LABELS,
  DEVIATION_FIELD_LABELS,
  FUND_BLOCK_LABELS,
  FUND_BREAKDOWN_LABELS,
  FUND_COLUMNS,
  FUND_PART_LABELS,
  FUND_TOTAL_LABELS,
  INDICATOR_BLOCK_LABELS,
  INDICATOR_BLOCK_PREFIXES,
  INDICATOR_COLUMNS,
  INDICATOR_SUBHEADERS,
  NAME_LINES,
  NAME_LINE_SUFFIXES,
  STOP_LABELS,
  TEMPLATE_PREFIX,
  TEMPLATE_ROW_PATTERNS,
  TITLE_SUFFIXES,
  TOTAL_ROW_LABELS,
  UNIT_TITLE_WORDS,
  type FundRole,
  type IndicatorRole,
} from "./vocabulary/selfEvaluation";

/**
 * Merge lookup: which area covers a cell, and whether the cell is the area's top-left. The areas are
 * kept by row (from the first merged row) and column, in arrays: every label read asks (no hashing).
 */
export class Merges {
  private readonly top: number;
  private readonly byRow: Array<Array<Area | undefined> | undefined> = [];
  constructor(areas: Area[]) {
    // A whole-column merge would blow up the lookup; it is treated as unmerged.
    const kept = areas.filter((a) => (a.bottom - a.top + 1) * (a.right - a.left + 1) <= 200000);
    this.top = kept.reduce((top, a) => Math.min(top, a.top), Infinity);
    if (this.top === Infinity) this.top = 0;
    for (const a of kept) {
      for (let r = a.top; r <= a.bottom; r++) {
        const line = (this.byRow[r - this.top] ??= []);
        for (let c = a.left; c <= a.right; c++) line[c] = a;
      }
    }
  }
  area(row: number, col: number): Area | undefined {
    return this.byRow[row - this.top]?.[col];
  }
  /** True when (row, col) is inside a merged area but not its top-left cell. */
  covered(row: number, col: number): boolean {
    const a = this.area(row, col);
    return !!a && (a.top !== row || a.left !== col);
  }
}

/** The header of an empty or covered cell (shared, never changed). */
const EMPTY_HEADER: NormalisedHeader = Object.freeze({ label: "" });

/**
 * The normalised labels of a grid, with its merged areas: one per grid, shared by the finders of one
 * validation (findTables, findAccountsTables) so that each cell is normalised once.
 */
export function labelsOf(grid: Grid): Labels {
  return new Labels(grid, new Merges(grid.merges));
}

/**
 * Normalised labels of the grid, computed once; covered merge cells read as empty.
 * Labels and headers are kept in arrays per grid row (indexed by column), not in a map keyed by cell,
 * and a header is normalised once per distinct label text (see HEADERS): a sheet of 1,000 tables repeats
 * the same few hundred labels.
 */
export class Labels {
  readonly rows: number;
  readonly cols: number;
  /** labels[row - top][col - left], filled on first read. */
  private readonly labels: Array<Array<string | undefined> | undefined>;
  private readonly headers: Array<Array<NormalisedHeader | undefined> | undefined>;
  constructor(
    readonly grid: Grid,
    readonly merges: Merges,
  ) {
    const s = gridSize(grid);
    this.rows = s.rows;
    this.cols = s.cols;
    this.labels = new Array(s.rows);
    this.headers = new Array(s.rows);
  }
  get top(): number {
    return this.grid.top;
  }
  get left(): number {
    return this.grid.left;
  }
  get bottom(): number {
    return this.grid.top + this.rows - 1;
  }
  get right(): number {
    return this.grid.left + this.cols - 1;
  }
  at(row: number, col: number): string {
    const i = row - this.grid.top;
    const j = col - this.grid.left;
    const cells = this.grid.cells[i];
    // Outside the grid, or beyond the cells its row holds: an empty cell.
    if (!cells || j < 0 || j >= cells.length) return "";
    let line = this.labels[i];
    if (!line) line = this.labels[i] = new Array<string | undefined>(cells.length);
    let v = line[j];
    if (v === undefined) {
      const c = cells[j] ?? EMPTY_CELL;
      const text = c.text !== "" ? c.text : c.value === null || c.value === undefined ? "" : String(c.value);
      v = text === "" || this.merges.covered(row, col) ? "" : normLabel(text);
      line[j] = v;
    }
    return v;
  }
  /** Whether the cell holds a number (a figure, never a header: the finders' scans skip it). */
  isNumber(row: number, col: number): boolean {
    return typeof this.grid.cells[row - this.grid.top]?.[col - this.grid.left]?.value === "number";
  }
  /** The cell's label as the vocabulary reads it (annotations split off), "" for covered or empty cells. */
  header(row: number, col: number): NormalisedHeader {
    const t = this.at(row, col);
    if (t === "") return EMPTY_HEADER;
    const i = row - this.grid.top;
    let line = this.headers[i];
    if (!line) line = this.headers[i] = new Array<NormalisedHeader | undefined>(this.grid.cells[i].length);
    const j = col - this.grid.left;
    let h = line[j];
    if (h === undefined) line[j] = h = this.headerOf(t);
    return h;
  }
  /** The header of a label text (what `header` gives for a cell showing it), normalised once per text. */
  headerOf(label: string): NormalisedHeader {
    if (label === "") return EMPTY_HEADER;
    let h = HEADERS.get(label);
    if (h === undefined) {
      h = Object.freeze(normaliseHeader(label));
      remember(HEADERS, label, h);
    }
    return h;
  }
  /** Raw (un-normalised but trimmed) text, for titles and rules. */
  raw(row: number, col: number): string {
    if (this.merges.covered(row, col)) return "";
    const c = cellAt(this.grid, row, col);
    const t = c.text !== "" ? c.text : c.value === null || c.value === undefined ? "" : String(c.value);
    return (t.includes("[") ? t.replace(/\[bookmark:[^\]]*\]/gi, "") : t).trim();
  }
  /** Right edge of the cell at (row, col), following a horizontal merge. */
  spanRight(row: number, col: number): number {
    const a = this.merges.area(row, col);
    return a && a.top === row && a.left === col ? a.right : col;
  }
  /** The text that shows at (row, col): its own, or that of the merged area covering it. */
  shownAt(row: number, col: number): { row: number; col: number; text: string } {
    const a = this.merges.area(row, col);
    if (a) return { row: a.top, col: a.left, text: this.at(a.top, a.left) };
    return { row, col, text: this.at(row, col) };
  }
}

/**
 * Stores a value in one of the finders' memos by label text (HEADERS, STOP_MEMO, MARKS), which live
 * across validations: emptied when full (20,000 texts), so that odd sheets cannot grow them without bound.
 */
function remember<V>(memo: Map<string, V>, text: string, value: V): void {
  if (memo.size >= 20000) memo.clear();
  memo.set(text, value);
}

/**
 * normaliseHeader by label text, frozen and shared (bounded, as isStopLabel's memo): the labels of one
 * template repeat over its tables, sheets and workbooks, and normaliseHeader depends on the text alone.
 */
const HEADERS = new Map<string, NormalisedHeader>();

/** Options of the finder: saved layouts (user column mappings) to apply. */
export interface FindOptions {
  layouts?: readonly SavedLayout[];
}

interface HeaderCell {
  col: number;
  right: number;
  /** Where the label is written (the top-left of a merged header). */
  row: number;
  text: string;
  norm: NormalisedHeader;
}

interface FundHeader {
  row: number;
  left: number;
  right: number;
  labelCols: number[];
  cols: Partial<Record<FundRole, number>>;
  isUnit: boolean;
  block: FundBlock;
  lastRow: number;
  headerCells: Record<string, StatedCell>;
  unmapped: UnmappedHeader[];
  layouts: string[];
}

interface IndicatorHeader {
  row: number;
  left: number;
  right: number;
  bodyStart: number;
  cols: Partial<Record<IndicatorRole, number>>;
  labels: string[];
  isUnit: boolean;
  rows: IndicatorRow[];
  total?: { row: number; weight?: StatedCell; score?: StatedCell };
  lastRow: number;
  block: IndicatorBlock;
  groups: LevelGroup[];
  templateRows: number[];
  headerCells: Record<string, StatedCell>;
  unmapped: UnmappedHeader[];
  layouts: string[];
}

const AMOUNT_ROLES: readonly FundRole[] = ["budgetInitial", "budgetFull", "executed"];

function isBlankRow(L: Labels, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (L.at(row, c) !== "") return false;
  return true;
}

function isStopLabel(label: string): boolean {
  let stop = STOP_MEMO.get(label);
  if (stop === undefined) {
    stop = isOneOf(label, [], STOP_LABELS) || TITLE_SUFFIXES.some((s) => label.endsWith(s));
    remember(STOP_MEMO, label, stop);
  }
  return stop;
}

/** isStopLabel by label: every row of every table is tested, and the labels repeat (bounded). */
const STOP_MEMO = new Map<string, boolean>();

function rowHasStop(L: Labels, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (isStopLabel(L.header(row, c).label)) return true;
  return false;
}

/** A fund row label without its 其中 prefix and numbering: `其中：当年财政拨款` → `当年财政拨款`. */
function fundLabel(label: string): string {
  return label
    .replace(/^其中[：:]?/, "")
    .replace(/^[：:]/, "")
    .replace(/^（\d+）|^\d+[.、．]/, "");
}

/** Text that is words, not a figure (no digit, not a dash). */
function isWords(t: string): boolean {
  return t !== "" && !/\d/.test(t) && !isPlaceholder(t);
}

function isFundRowLabel(label: string): "total" | "part" | null {
  const l = fundLabel(label);
  if (FUND_TOTAL_LABELS.includes(l)) return "total";
  if (FUND_PART_LABELS.includes(l) || /^其中/.test(label)) return "part";
  return null;
}

/** The header cells of a row from `from` rightwards (following merges), at most `max`. */
function headerCells(L: Labels, row: number, from: number, to: number, max = 24): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (let x = from, n = 0; x <= to && n < max; n++) {
    const a = L.merges.area(row, x);
    const right = a ? a.right : x;
    const src = a ? { row: a.top, col: a.left } : { row, col: x };
    const text = L.at(src.row, src.col);
    out.push({ col: x, right, row: src.row, text, norm: L.header(src.row, src.col) });
    x = right + 1;
  }
  return out;
}

/** A figure the table states only inside a label (`预算执行情况(10分)` → 10 at that label's cell). */
function labelFigure(L: Labels, row: number, col: number, points: string): StatedCell {
  const c = cellAt(L.grid, row, col);
  return {
    row,
    col,
    value: Number(points),
    text: points,
    numberFormat: "General",
    fromLabel: c.text !== "" ? c.text : String(c.value ?? ""),
  };
}

/** The roles of one header row: the vocabulary's, then saved layouts for what it leaves unmapped. */
function assignRoles<R extends string>(
  cells: HeaderCell[],
  vocabulary: Parameters<typeof matchRole<R>>[0],
  part: "fund" | "indicator",
  layouts: readonly SavedLayout[] | undefined,
): { roles: Array<R | null>; applied: string[] } {
  const fromLayouts = layoutRoles(
    part,
    cells.map((c) => c.norm.label),
    layouts,
  );
  const applied = new Set<string>();
  const roles = cells.map((c) => {
    const own = matchRole(vocabulary, c.norm.label);
    const user = fromLayouts.get(c.norm.label);
    if (user && (own === null || user.override)) {
      applied.add(user.layout);
      return user.role as R;
    }
    return own;
  });
  return { roles, applied: [...applied] };
}

/** True when a column holds a figure in any of the rows. */
function columnHasFigures(L: Labels, col: number, rows: number[]): boolean {
  return rows.some((r) => {
    const t = L.at(r, col);
    return t !== "" && /\d/.test(t) && !isPlaceholder(t) && t.length <= 24;
  });
}

/**
 * Finds fund block headers: a run of header cells naming 全年执行数 (or a synonym) beside 全年预算数 or
 * 年初预算数. The row-label column is the one holding 年度资金总额 / 其中：… on the rows below (or on the header
 * row itself); the columns left of it carry the block's label (`预算执行情况(10分)`, `项目资金(元)`), whose
 * annotations give the budget weight and the amount unit. Several blocks can share a row (tables side by side).
 */
/**
 * One pass over the sheet for both header finders: the rows with a cell the vocabulary reads as 执行数
 * (a fund header's mark) and, in reading order, the cells it reads as 一级指标 (an indicator header's).
 * Numbers are skipped: a figure is never a header.
 */
interface HeaderMarks {
  executedRows: Set<number>;
  level1Cells: Array<[number, number]>;
}

/** The marks of each distinct label text (1: 执行数, 2: 一级指标), found once per text (bounded, as HEADERS). */
const MARKS = new Map<string, number>();

function headerMarks(L: Labels): HeaderMarks {
  const executedRows = new Set<number>();
  const level1Cells: Array<[number, number]> = [];
  for (let r = L.top; r <= L.bottom; r++) {
    for (let c = L.left; c <= L.right; c++) {
      if (L.isNumber(r, c)) continue;
      const t = L.at(r, c);
      if (t === "") continue;
      let m = MARKS.get(t);
      if (m === undefined) {
        const label = L.headerOf(t).label;
        m =
          label === ""
            ? 0
            : (matchRole(FUND_COLUMNS, label) === "executed" ? 1 : 0) |
              (matchRole(INDICATOR_COLUMNS, label) === "level1" ? 2 : 0);
        remember(MARKS, t, m);
      }
      if (m & 1) executedRows.add(r);
      if (m & 2) level1Cells.push([r, c]);
    }
  }
  return { executedRows, level1Cells };
}

function findFundHeaders(L: Labels, opts: FindOptions, marks: HeaderMarks): FundHeader[] {
  const out: FundHeader[] = [];
  const fundLayouts = (opts.layouts ?? []).filter((l) => l.part === "fund");
  for (let r = L.top; r <= L.bottom; r++) {
    // Cheap test first: the row names an executed amount (by the vocabulary or a saved layout).
    let candidate = marks.executedRows.has(r);
    for (let c = L.left; c <= L.right && !candidate && fundLayouts.length > 0; c++) {
      const label = L.at(r, c) === "" ? "" : L.header(r, c).label;
      if (label === "") continue;
      if (fundLayouts.some((l) => l.headers[label] === "executed")) candidate = true;
    }
    if (!candidate) continue;
    const cells = headerCells(L, r, L.left, L.right, 1024);
    // Runs of adjacent non-empty header cells.
    const runs: HeaderCell[][] = [];
    let cur: HeaderCell[] = [];
    for (const h of cells) {
      if (h.text === "") {
        if (cur.length) runs.push(cur);
        cur = [];
      } else cur.push(h);
    }
    if (cur.length) runs.push(cur);
    for (const run of runs) {
      const fh = readFundHeader(L, r, run, opts);
      if (fh) out.push(fh);
    }
  }
  return out;
}

function readFundHeader(L: Labels, r: number, run: HeaderCell[], opts: FindOptions): FundHeader | null {
  const { roles, applied } = assignRoles(run, FUND_COLUMNS, "fund", opts.layouts);
  if (!roles.includes("executed")) return null;
  // The row-label column: 年度资金总额 on the header row itself, else the rows below.
  let labelCol = -1;
  let headerRowLabel: string | undefined;
  for (const h of run) {
    if (isFundRowLabel(h.norm.label) === "total") {
      labelCol = h.col;
      headerRowLabel = fundLabel(h.norm.label);
      break;
    }
  }
  const executedCol = run[roles.indexOf("executed")].col;
  for (let rr = r + 1; rr <= Math.min(L.bottom, r + 3) && labelCol < 0; rr++) {
    for (let x = Math.max(L.left, run[0].col - 3); x < executedCol; x++) {
      if (isFundRowLabel(L.header(rr, x).label)) {
        labelCol = x;
        break;
      }
    }
  }
  // The amount columns: right of the row labels.
  const data = run.map((h, i) => ({ h, role: roles[i] })).filter((x) => (labelCol >= 0 ? x.h.col > labelCol : true));
  const firstAmount = data.findIndex((x) => x.role !== null && AMOUNT_ROLES.includes(x.role));
  if (firstAmount < 0) return null;
  const cells = labelCol >= 0 ? data : data.slice(firstAmount);
  if (!cells.some((x) => x.role === "executed")) return null;
  if (!cells.some((x) => x.role === "budgetFull" || x.role === "budgetInitial")) return null;
  const dataStart = cells[0].h.col;
  // Label columns: from the block label (up to three columns left of the data) to the row-label column.
  const from = labelCol >= 0 ? labelCol : dataStart - 1;
  const limit = Math.max(L.left, from - 2);
  let blockLeft = from >= L.left ? Math.min(from, dataStart - 1) : dataStart;
  for (let x = from; x >= limit; x--) {
    const shown = L.shownAt(r, x);
    const n = shown.text === "" ? "" : L.header(shown.row, shown.col).label;
    const mergedDown = (() => {
      const a = L.merges.area(r, x);
      return !!a && a.top <= r && a.bottom > r;
    })();
    if (n !== "" && (isOneOf(n, FUND_BLOCK_LABELS) || /资金|预算执行|预算申请/.test(n) || mergedDown)) {
      blockLeft = Math.max(L.left, Math.min(x, shown.col));
      if (/资金来源/.test(n) && blockLeft - 1 >= L.left && /资金/.test(L.shownAt(r, blockLeft - 1).text))
        blockLeft = blockLeft - 1;
      break;
    }
    if (n !== "" && x < from) break;
    blockLeft = x;
  }
  const labelCols: number[] = [];
  for (let x = blockLeft; x < dataStart; x++) labelCols.push(x);
  const cols: Partial<Record<FundRole, number>> = {};
  const headerCellsByRole: Record<string, StatedCell> = {};
  const unmapped: UnmappedHeader[] = [];
  let unit: FundBlock["unit"] = "万元";
  let points: StatedCell | undefined;
  let right = dataStart;
  for (const { h, role } of cells) {
    // A second table's amount column starts another block (tables side by side with no gap).
    if (role && AMOUNT_ROLES.includes(role) && cols[role] !== undefined) break;
    right = Math.max(right, h.right);
    if (h.norm.unit) unit = h.norm.unit;
    if (role && cols[role] === undefined) {
      cols[role] = h.col;
      headerCellsByRole[`fund.${role}`] = statedAt(L.grid, h.row, h.col);
      if ((role === "score" || role === "rate" || role === "points") && h.norm.points && !points)
        points = labelFigure(L, h.row, h.col, h.norm.points);
    } else if (!role) {
      unmapped.push({ text: L.raw(h.row, h.col), cell: statedAt(L.grid, h.row, h.col), part: "fund", numeric: false });
    }
  }
  // The block label's annotations: 预算执行情况(万元)(20分), 项目资金(元).
  for (const x of labelCols) {
    const shown = L.shownAt(r, x);
    if (shown.text === "") continue;
    const n = L.header(shown.row, shown.col);
    if (n.unit) unit = n.unit;
    if (n.points && !points) points = labelFigure(L, shown.row, shown.col, n.points);
  }
  const isUnit = labelCols.some((x) => /部门资金|单位资金|资金来源/.test(L.shownAt(r, x).text));
  const fh: FundHeader = {
    row: r,
    left: labelCols[0] ?? dataStart,
    right,
    labelCols,
    cols,
    isUnit,
    block: { rows: [], parts: [], unit },
    lastRow: r,
    headerCells: headerCellsByRole,
    unmapped,
    layouts: applied,
  };
  readFundRows(L, fh, headerRowLabel, points);
  const bodyRows = fh.block.rows.map((x) => x.row);
  for (const u of fh.unmapped) u.numeric = columnHasFigures(L, u.cell.col, bodyRows);
  return fh;
}

function fundRowLabel(L: Labels, row: number, fh: FundHeader): string {
  const parts: string[] = [];
  for (const x of fh.labelCols) {
    const a = L.merges.area(row, x);
    if (a && a.top <= fh.row && fh.row <= a.bottom) continue; // the block label merged down
    const t = L.header(row, x).label;
    if (t !== "" && !isOneOf(t, FUND_BLOCK_LABELS)) parts.push(t);
  }
  return fundLabel(parts.join(""));
}

/** A `label:figure` cell (`其中:基本支出:900.47`, `按收入性质分:`): the label and the figure as written. */
function labelledFigure(text: string): { label: string; figure: string } | null {
  const m = /^(?:其中[：:])?\s*(.+?)[：:]\s*([-\d,.]*)\s*(万元|元)?$/.exec(text.replace(/\s+/g, ""));
  if (!m || /[：:]/.test(m[1])) return null;
  return { label: m[1], figure: m[2] };
}

/** The 湖南 label:figure breakdown lines (按收入性质分 …, 按支出性质分 …) from `row` down. */
function readBreakdowns(L: Labels, fh: FundHeader, row: number): FundBreakdown[] {
  const sides: Array<FundBreakdown & { col: number }> = [];
  for (let r = row; r <= Math.min(L.bottom, row + 10); r++) {
    if (rowHasStop(L, r, fh.left, fh.right) || isBlankRow(L, r, fh.left, fh.right)) break;
    for (let c = fh.left; c <= fh.right; c++) {
      const raw = L.raw(r, c);
      if (raw === "") continue;
      const lf = labelledFigure(raw);
      const cell = statedAt(L.grid, r, c);
      const figureCell = (figure: string): StatedCell | undefined =>
        figure === "" ? undefined : { ...cell, value: figure, text: figure, numberFormat: "General", fromLabel: raw };
      const name = lf ? lf.label : normaliseHeader(raw).label;
      if (FUND_BREAKDOWN_LABELS[name]) {
        sides.push({ col: c, label: name, labelCell: cell, total: figureCell(lf?.figure ?? ""), parts: [] });
        continue;
      }
      const side = sides.filter((x) => x.col <= c).sort((a, b) => b.col - a.col)[0];
      if (side && lf) {
        const f = figureCell(lf.figure);
        side.parts.push({ label: lf.label, cell: f ?? { ...cell, value: null, text: "", fromLabel: raw } });
      }
    }
    fh.lastRow = r;
  }
  return sides.map((b) => ({ label: b.label, labelCell: b.labelCell, total: b.total, parts: b.parts }));
}

function readFundRows(L: Labels, fh: FundHeader, headerRowLabel: string | undefined, points?: StatedCell): void {
  const { cols } = fh;
  const rows: FundRow[] = [];
  let breakdowns: FundBreakdown[] | undefined;
  for (let r = fh.row + 1; r <= Math.min(L.bottom, fh.row + 12); r++) {
    if (rowHasStop(L, r, fh.left, fh.right)) break;
    if (isBlankRow(L, r, fh.left, fh.right)) break;
    if (fh.labelCols.some((x) => FUND_BREAKDOWN_LABELS[labelledFigure(L.raw(r, x))?.label ?? L.header(r, x).label])) {
      breakdowns = readBreakdowns(L, fh, r);
      break;
    }
    let label = fundRowLabel(L, r, fh);
    if (label === "" && rows.length === 0 && headerRowLabel) label = headerRowLabel;
    if (label === "" && !Object.values(cols).some((x) => x !== undefined && L.at(r, x) !== "")) break;
    // Words under the amount columns on a row the vocabulary does not name: another part of the form.
    if (!isFundRowLabel(label) && AMOUNT_ROLES.some((k) => cols[k] !== undefined && isWords(L.at(r, cols[k]!)))) break;
    const cell = (k: FundRole) => {
      if (cols[k] === undefined) return undefined;
      // A figure merged across amount columns (预算数 and 执行数 in one cell) states both.
      const a = L.merges.area(r, cols[k]!);
      if (a && a.top === r && a.bottom === r) return statedAt(L.grid, r, a.left);
      return statedAt(L.grid, r, cols[k]!);
    };
    rows.push({
      label: label || "（未命名）",
      role: FUND_TOTAL_LABELS.includes(label) ? "total" : "part",
      row: r,
      budgetInitial: cell("budgetInitial"),
      budgetFull: cell("budgetFull"),
      executed: cell("executed"),
      points: cell("points"),
      rate: cell("rate"),
      score: cell("score"),
    });
    fh.lastRow = r;
  }
  const total = rows.find((x) => x.role === "total");
  const hasFigure = (c: StatedCell | undefined) =>
    !!c && !/^[-—–/\\－]*$/.test(normLabel(c.text || String(c.value ?? "")));
  const pick = (k: "points" | "rate" | "score") =>
    total && hasFigure(total[k]) ? total[k] : (rows.find((x) => hasFigure(x[k]))?.[k] ?? total?.[k]);
  fh.block = {
    rows,
    total,
    parts: rows.filter((x) => x.role === "part"),
    points: pick("points") && hasFigure(pick("points")) ? pick("points") : (points ?? pick("points")),
    rate: pick("rate"),
    score: pick("score"),
    unit: fh.block.unit,
    ...(breakdowns && breakdowns.length > 0 ? { breakdowns } : {}),
  };
}

/**
 * The header labels of an indicator header row: each column's own label, the label of a merged header
 * above it (`實際完成值` merged over two rows), and a second header row below (`年度`+`指标值` → 年度指标值;
 * `指标性质 | 指标值 | 度量单位` under a merged 年度指标值).
 */
function indicatorHeaderCells(L: Labels, r: number, c: number): { cells: HeaderCell[]; twoRows: boolean } {
  const next = r + 1 <= L.bottom ? r + 1 : r;
  const cells: HeaderCell[] = [];
  let twoRows = false;
  for (let x = c, n = 0; x <= L.right && n < 24; n++) {
    const a = L.merges.area(r, x);
    const src = a ? { row: a.top, col: a.left } : { row: r, col: x };
    const right = a ? a.right : x;
    const topText = L.at(src.row, src.col);
    // Sub-headers under a header spanning several columns, each its own column.
    if (a && a.right > a.left && next !== r) {
      const subs = headerCells(L, next, a.left, a.right);
      if (subs.length > 1 && subs.every((s) => INDICATOR_SUBHEADERS.includes(s.norm.label))) {
        twoRows = true;
        cells.push(...subs);
        x = right + 1;
        continue;
      }
    }
    const belowText = next !== r && !(a && a.bottom >= next) ? L.at(next, x) : "";
    if (topText === "" && belowText === "") break;
    const belowNorm = belowText === "" ? "" : L.header(next, x).label;
    const sub =
      INDICATOR_SUBHEADERS.includes(belowNorm) && (topText === "年度" || topText === "实际" || topText === "");
    if (sub) twoRows = true;
    if (sub) {
      const joined = topText + belowNorm;
      cells.push({ col: x, right, row: src.row, text: joined, norm: normaliseHeader(joined) });
    } else {
      cells.push({ col: x, right, row: src.row, text: topText, norm: L.header(src.row, src.col) });
    }
    x = right + 1;
  }
  return { cells, twoRows };
}

/** Finds indicator headers: a row with 一级指标, 二级指标 and 三级指标 (or synonyms). */
function findIndicatorHeaders(L: Labels, opts: FindOptions, marks: HeaderMarks): IndicatorHeader[] {
  const out: IndicatorHeader[] = [];
  // After a header is read, the rest of its row up to the header's right edge is not looked at again.
  let skipRow = -1;
  let skipTo = -1;
  for (const [r, c] of marks.level1Cells) {
    if (r === skipRow && c <= skipTo) continue;
    const { cells, twoRows } = indicatorHeaderCells(L, r, c);
    const { roles, applied } = assignRoles(cells, INDICATOR_COLUMNS, "indicator", opts.layouts);
    const cols: Partial<Record<IndicatorRole, number>> = {};
    const headerCellsByRole: Record<string, StatedCell> = {};
    const unmapped: UnmappedHeader[] = [];
    cells.forEach((h, i) => {
      const k = roles[i];
      if (k && cols[k] === undefined) {
        cols[k] = h.col;
        headerCellsByRole[`indicator.${k}`] = statedAt(L.grid, h.row, h.col);
      } else if (!k && h.text !== "") {
        unmapped.push({
          text: L.raw(h.row, h.col) || h.text,
          cell: statedAt(L.grid, h.row, h.col),
          part: "indicator",
          numeric: false,
        });
      }
    });
    const right = cells.length > 0 ? cells[cells.length - 1].right : c;
    if (cols.level2 === undefined || cols.name === undefined) continue;
    // The merged side label (年度绩效指标完成情况 / 绩效指标(90分) / 年度绩效目标1(40分)) one column left.
    let left = c;
    let blockLabel = "";
    let blockPoints: StatedCell | undefined;
    if (c - 1 >= L.left) {
      let side = L.shownAt(r, c - 1);
      if (side.text === "") side = L.shownAt(r + (twoRows ? 2 : 1), c - 1);
      const n = side.text === "" ? { label: "" } : L.header(side.row, side.col);
      if (
        side.text === "" ||
        /指标|绩效/.test(n.label) ||
        isOneOf(n.label, INDICATOR_BLOCK_LABELS, INDICATOR_BLOCK_PREFIXES)
      ) {
        left = c - 1;
        blockLabel = L.raw(side.row, side.col);
        if ("points" in n && n.points) blockPoints = labelFigure(L, side.row, side.col, n.points);
      }
    }
    // A goal line above the header may carry the block's weight: `年度目标1:(80分) | 增强政府工作效率…`.
    for (let rr = r - 1; rr >= Math.max(L.top, r - 2) && !blockPoints; rr--) {
      for (let x = Math.max(L.left, c - 1); x <= Math.min(L.right, c + 1); x++) {
        const shown = L.shownAt(rr, x);
        if (shown.text === "") continue;
        const n = L.header(shown.row, shown.col);
        if (n.points && isOneOf(n.label, [], INDICATOR_BLOCK_PREFIXES)) {
          blockPoints = labelFigure(L, shown.row, shown.col, n.points);
          blockLabel = blockLabel || L.raw(shown.row, shown.col);
        }
      }
    }
    const labels = cells.map((h) => h.norm.label);
    const isUnit = labels.some((t) => /预期指标值|实际完成指标值/.test(t));
    const ih: IndicatorHeader = {
      row: r,
      left,
      right,
      bodyStart: r + (twoRows ? 2 : 1),
      cols,
      labels,
      isUnit,
      rows: [],
      lastRow: r + (twoRows ? 1 : 0),
      block: { label: blockLabel, points: blockPoints, headerRow: r, complete: false },
      groups: [],
      templateRows: [],
      headerCells: headerCellsByRole,
      unmapped,
      layouts: applied,
    };
    readIndicatorRows(L, ih);
    const bodyRows = [...ih.rows.map((x) => x.row), ...(ih.total ? [ih.total.row] : [])];
    for (const u of ih.unmapped) u.numeric = columnHasFigures(L, u.cell.col, bodyRows);
    out.push(ih);
    skipRow = r;
    skipTo = right;
  }
  return out;
}

/** True when a text is a template placeholder row's (`指标2:`, `……`) or says nothing (`/`, `—`). */
function isTemplateText(t: string): boolean {
  return t === "" || isPlaceholder(t) || TEMPLATE_ROW_PATTERNS.some((re) => re.test(t));
}

/**
 * A 一级指标 label and the weight printed in it: `产出指标(50分)`, `(30分)`, and the looser forms seen in
 * print, `产出指标(50)` and `效益指标30分)` (a bracket lost at a line break).
 */
function level1Label(text: string): { label: string; points?: string } {
  const h = normaliseHeader(text);
  if (h.points) return { label: h.label, points: h.points };
  const m = /^(.*?)(?:（(\d+(?:\.\d+)?)）|（?(\d+(?:\.\d+)?)分）?)$/.exec(h.label);
  if (m && m[1].endsWith("指标")) return { label: m[1], points: m[2] ?? m[3] };
  return { label: h.label };
}

/** The figure columns of an indicator row: a row with none of them filled says nothing. */
const FIGURE_ROLES: readonly IndicatorRole[] = ["weight", "target", "actual", "score", "completionRate"];

function readIndicatorRows(L: Labels, ih: IndicatorHeader): void {
  const { cols } = ih;
  // Each role's cell and raw text on row r (read once per row and role: these run for every indicator row).
  const cell = (r: number, k: IndicatorRole) => (cols[k] !== undefined ? statedAt(L.grid, r, cols[k]!) : undefined);
  const text = (r: number, k: IndicatorRole) => (cols[k] !== undefined ? L.raw(r, cols[k]!) : "");
  let level1 = "";
  let level2 = "";
  let group: LevelGroup | undefined;
  for (let r = ih.bodyStart; r <= Math.min(L.bottom, ih.bodyStart + 300); r++) {
    if (isBlankRow(L, r, ih.left, ih.right)) break;
    const lead = L.header(r, ih.left).label + L.header(r, ih.left + 1).label + L.header(r, ih.left + 2).label;
    if (TOTAL_ROW_LABELS.some((w) => lead.startsWith(w))) {
      ih.total = readTotalRow(L, ih, r);
      ih.lastRow = r;
      ih.block.complete = true;
      if (group) group.complete = true;
      break;
    }
    if (rowHasStop(L, r, ih.left, ih.right)) {
      // The next block of the same form (年度绩效目标2) closes this one; any other part of the form
      // (评价结论 …) ends the indicators too.
      ih.block.complete = true;
      if (group) group.complete = true;
      break;
    }
    const level1Text = text(r, "level1");
    if (level1Text) {
      const h = level1Label(level1Text);
      level1 = h.label;
      if (group) group.complete = true;
      group = undefined;
      if (h.points) {
        group = {
          level1,
          points: labelFigure(L, r, cols.level1!, h.points),
          block: 0,
          rows: [],
          complete: false,
        };
        ih.groups.push(group);
      }
    }
    const level2Text = text(r, "level2");
    if (level2Text) level2 = level2Text.replace(/\s+/g, "");
    const rawName = text(r, "name");
    const name = rawName.replace(TEMPLATE_PREFIX, "").trim();
    // A template row (指标2:, ……), a spacer, or a continuation row inside the block: its name is a
    // template's, or it has no name and says nothing in any figure column.
    const templateName = isTemplateText(normLabel(rawName));
    if (templateName || isPlaceholder(name)) {
      const saysNothing = FIGURE_ROLES.every((k) => isTemplateText(normLabel(text(r, k))));
      if (templateName || saysNothing) {
        if (rawName !== "" || !saysNothing) ih.templateRows.push(r);
        ih.lastRow = r;
        continue;
      }
    }
    const weight = cell(r, "weight");
    ih.rows.push({
      row: r,
      level1,
      level2,
      name: name.replace(/\s+/g, " "),
      weight,
      target: cell(r, "target"),
      operator: cell(r, "operator"),
      unit: cell(r, "unit"),
      actual: cell(r, "actual"),
      completionRate: cell(r, "completionRate"),
      score: cell(r, "score"),
      scoringRule: cols.scoringRule !== undefined ? text(r, "scoringRule") : undefined,
      deviationNote: cell(r, "deviationNote"),
      // With a 折算得分 column the row's score is the converted one; the 单项得分 is what it comes from.
      ...(cols.convertedScore !== undefined ? { score: cell(r, "convertedScore"), singleScore: cell(r, "score") } : {}),
      block: 0,
    });
    group?.rows.push(r);
    ih.lastRow = r;
  }
}

/** Grade words written after the 总分 (`总分 | 100 | 96 | 优`): not figures. */
const GRADE_WORDS = /^(优|良|中|差|优秀|良好|合格|不合格|及格|较好|一般|较差|好)$/;

/** 总分 row: the weight under the weight column, the score under the score column (or the last figure). */
function readTotalRow(
  L: Labels,
  ih: IndicatorHeader,
  r: number,
): { row: number; weight?: StatedCell; score?: StatedCell } {
  const { cols } = ih;
  const at = (c: number | undefined) => (c !== undefined && L.at(r, c) !== "" ? statedAt(L.grid, r, c) : undefined);
  let weight = at(cols.weight);
  let score = at(cols.convertedScore ?? cols.score);
  if (!weight || !score) {
    // Pasted rows can shift: take the figures in order after the 总分 label. Anything else written
    // there (#N/A, 约100) is a figure too, so that its check reports it unreadable instead of skipping it.
    const figures: StatedCell[] = [];
    for (let c = ih.left; c <= ih.right; c++) {
      const t = L.at(r, c);
      if (t === "" || TOTAL_ROW_LABELS.some((w) => t.startsWith(w)) || isPlaceholder(t) || GRADE_WORDS.test(t))
        continue;
      if (c === weight?.col || c === score?.col) continue;
      figures.push(statedAt(L.grid, r, c));
    }
    if (cols.weight === undefined) {
      // No weight column (goal blocks): a lone figure is the score.
      score = score ?? figures[figures.length - 1];
    } else {
      weight = weight ?? figures[0];
      score = score ?? (figures.length > 1 ? figures[figures.length - 1] : undefined);
    }
  }
  return { row: r, weight, score };
}

function overlaps(a: { left: number; right: number }, b: { left: number; right: number }): boolean {
  return a.left <= b.right && b.left <= a.right;
}

/** The index of the first chain (chains in row order) whose first header is below `row`. */
function firstChainBelow(inds: IndicatorHeader[][], row: number): number {
  let lo = 0;
  let hi = inds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inds[mid][0].row > row) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The tables already built, sorted by bottom row, for "the row below the lowest table above this one in
 * overlapping columns" (where a table's title search stops) without a scan of every table.
 */
class TablesAbove {
  private readonly areas: Area[] = [];
  constructor(private readonly top: number) {}
  add(a: Area): void {
    let lo = 0;
    let hi = this.areas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.areas[mid].bottom <= a.bottom) lo = mid + 1;
      else hi = mid;
    }
    this.areas.splice(lo, 0, a);
  }
  /** One past the largest bottom of a table above `row` overlapping `cols`, or the grid's top. */
  bottomAbove(row: number, cols: { left: number; right: number }): number {
    let lo = 0;
    let hi = this.areas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.areas[mid].bottom < row) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--)
      if (overlaps(this.areas[k], cols)) return Math.max(this.top, this.areas[k].bottom + 1);
    return this.top;
  }
}

/** Looks upward from `row` for the 项目名称/单位名称 line and the table heading with its year. */
/** A table title: ends with one of TITLE_SUFFIXES, a trailing bracket (（2024年度）) aside. */
function isTitleLabel(label: string): boolean {
  const bare = label.endsWith("）") ? label.replace(/（[^（）]*）$/, "") : label;
  return TITLE_SUFFIXES.some((s) => bare.endsWith(s));
}

function findTitle(
  L: Labels,
  row: number,
  left: number,
  right: number,
  floor: number,
): { title: string; titleKind?: TableKind; year?: number; top: number; cell?: StatedCell; nameLabel?: StatedCell } {
  let title = "";
  let titleKind: TableKind | undefined;
  let year: number | undefined;
  let top = row;
  let cell: StatedCell | undefined;
  let nameLabel: StatedCell | undefined;
  for (let r = row - 1; r >= Math.max(L.top, floor, row - 12); r--) {
    let stop = false;
    for (let c = left; c <= right; c++) {
      const t = L.at(r, c);
      if (t === "") continue;
      const label = L.header(r, c).label;
      const nameLine = !title
        ? (NAME_LINES.find((n) => n.label === label) ??
          (label.length <= 12 ? NAME_LINE_SUFFIXES.find((n) => label.endsWith(n.suffix)) : undefined))
        : undefined;
      if (nameLine) {
        titleKind = nameLine.unit ? "unit-self-evaluation" : "project-self-evaluation";
        for (let x = L.spanRight(r, c) + 1; x <= right + 12 && x <= L.right; x++) {
          if (L.raw(r, x) !== "") {
            title = L.raw(r, x).replace(/\s+/g, " ");
            break;
          }
        }
        top = r;
        cell = cell ?? statedAt(L.grid, r, c);
        nameLabel = nameLabel ?? statedAt(L.grid, r, c);
      } else if (!title && /^(单位名称|部门名称)[：:]/.test(label)) {
        // 单位名称:黄冈市… written in one cell above a project table: the unit, not the table's name.
        top = r;
      } else if (label.length <= 60 && isTitleLabel(label)) {
        if (UNIT_TITLE_WORDS.some((w) => label.includes(w))) titleKind = "unit-self-evaluation";
        else if (!titleKind) titleKind = "project-self-evaluation";
        top = r;
        cell = statedAt(L.grid, r, c);
        const y = /(\d{4})年度?/.exec(label);
        if (y && !year) year = +y[1];
        stop = true;
      }
      const y = /[（(]?(\d{4})年度?[）)]?$/.exec(t);
      if (y && t.length <= 12 && !year) {
        year = +y[1];
        top = Math.min(top, r);
      }
    }
    if (stop) break;
  }
  return { title, titleKind, year, top, cell, nameLabel };
}

/**
 * The 实际完成情况 text of the goal block between the fund block and the indicator header: the first
 * non-empty cell under a header such as 实际完成情况 (its column, within three rows).
 */
function achievedTextOf(
  L: Labels,
  from: number,
  to: number,
  left: number,
  right: number,
): { achievedText?: StatedCell } {
  for (let r = Math.max(L.top, from); r <= Math.min(L.bottom, to); r++) {
    for (let c = left; c <= right; c++) {
      if (!ACHIEVED_TEXT_LABELS.includes(L.header(r, c).label)) continue;
      for (let rr = r + 1; rr <= Math.min(to, r + 3); rr++) {
        // The cell's header is normaliseHeader of its raw text (remembered per text: the paragraphs are long).
        if (L.raw(rr, c) !== "" && !ACHIEVED_TEXT_LABELS.includes(L.header(rr, c).label))
          return { achievedText: statedAt(L.grid, rr, c) };
      }
    }
  }
  return {};
}

/** The one deviation field some templates put below the 总分 row (`偏差大或目标未完成原因分析 | 无`). */
function deviationFieldBelow(L: Labels, ih: IndicatorHeader): { deviationField?: StatedCell } {
  for (let r = ih.lastRow + 1; r <= Math.min(L.bottom, ih.lastRow + 3); r++) {
    for (let c = ih.left; c <= Math.min(ih.left + 1, ih.right); c++) {
      const label = L.header(r, c).label;
      if (label === "" || !DEVIATION_FIELD_LABELS.includes(label)) continue;
      const x = L.spanRight(r, c) + 1;
      return { deviationField: statedAt(L.grid, r, Math.min(x, L.right)) };
    }
  }
  return {};
}

/** Indicator headers that continue one table: the next block of the same form (年度绩效目标2 under 年度绩效目标1). */
function continues(prev: IndicatorHeader, next: IndicatorHeader): boolean {
  return (
    !prev.total &&
    next.row <= prev.lastRow + 2 &&
    next.row > prev.row &&
    overlaps(prev, next) &&
    prev.labels.join("|") === next.labels.join("|")
  );
}

/**
 * Finds every self-evaluation table on a grid.
 * Input: a Grid (any position, merged areas honoured) and optionally saved layouts (user column mappings).
 * Output: the tables in reading order (top to bottom, then left to right), each with its kind, layout,
 * title, range, fund block, indicator blocks and rows, 总分 row, mapped header cells and the header cells
 * no role could be given. Never throws on odd content; a grid with no recognisable labels gives [].
 */
export function findTables(grid: Grid, L: Labels = labelsOf(grid), opts: FindOptions = {}): SelfEvaluationTable[] {
  const marks = headerMarks(L);
  const funds = findFundHeaders(L, opts, marks);
  // Indicator headers, with the blocks of one form joined (年度绩效目标1, 年度绩效目标2 …).
  const found = findIndicatorHeaders(L, opts, marks);
  const inds: IndicatorHeader[][] = [];
  // Headers come in row order, so a chain whose last block ends more than two rows above the header can
  // never be continued: only the open chains (in the order they were started) are tried.
  let open: IndicatorHeader[][] = [];
  for (const ih of found) {
    open = open.filter((chain) => chain[chain.length - 1].lastRow + 2 >= ih.row);
    const last = open.find((chain) => continues(chain[chain.length - 1], ih));
    if (last) last.push(ih);
    else {
      inds.push([ih]);
      open.push(inds[inds.length - 1]);
    }
  }
  const usedInd = new Set<IndicatorHeader[]>();
  const tables: SelfEvaluationTable[] = [];

  const build = (
    fh: FundHeader | undefined,
    chain: IndicatorHeader[] | undefined,
    floor: number,
  ): SelfEvaluationTable => {
    const ih = chain?.[0];
    const lastIh = chain?.[chain.length - 1];
    const first = fh ?? ih!;
    const left = Math.min(fh?.left ?? Infinity, ...(chain ?? []).map((x) => x.left));
    const right = Math.max(fh?.right ?? -Infinity, ...(chain ?? []).map((x) => x.right));
    const t = findTitle(L, first.row, left, right, floor);
    const unitByFund = fh?.isUnit ?? false;
    const unitByInd = ih?.isUnit ?? false;
    const kind: TableKind =
      unitByFund || unitByInd || t.titleKind === "unit-self-evaluation"
        ? "unit-self-evaluation"
        : "project-self-evaluation";
    const hasRate = ih?.cols.completionRate !== undefined;
    const scored =
      ih?.cols.score !== undefined ||
      ih?.cols.weight !== undefined ||
      fh?.cols.score !== undefined ||
      fh?.cols.points !== undefined;
    const layout =
      kind === "unit-self-evaluation"
        ? "unit"
        : !scored
          ? "unscored"
          : hasRate || ih?.labels.some((x) => /业绩值/.test(x))
            ? "2024"
            : "2020";
    const bottom = Math.max(fh?.lastRow ?? -Infinity, ...(chain ?? []).map((x) => x.lastRow));
    const blocks = (chain ?? []).map((x) => x.block);
    const indicators: IndicatorRow[] = [];
    const groups: LevelGroup[] = [];
    // Rows and groups are read with block 0: those of the first block are taken as they are.
    (chain ?? []).forEach((x, b) => {
      indicators.push(...(b === 0 ? x.rows : x.rows.map((row) => ({ ...row, block: b }))));
      groups.push(...(b === 0 ? x.groups : x.groups.map((g) => ({ ...g, block: b }))));
    });
    // The fund block's header cells, then each indicator block's not yet named (gathered in a Map: adding
    // keys one by one to an object literal gives each table its own chain of object shapes).
    const byRole = new Map<string, StatedCell>(Object.entries(fh?.headerCells ?? {}));
    for (const x of chain ?? [])
      for (const [k, v] of Object.entries(x.headerCells)) if (!byRole.get(k)) byRole.set(k, v);
    const columns: Record<string, StatedCell> = Object.fromEntries(byRole);
    const unmapped = [...(fh?.unmapped ?? []), ...(chain ?? []).flatMap((x) => x.unmapped)];
    const seen = new Set<string>();
    const layouts = [...(fh?.layouts ?? []), ...(chain ?? []).flatMap((x) => x.layouts)].filter((n) =>
      seen.has(n) ? false : (seen.add(n), true),
    );
    const titleCell =
      t.cell ?? (fh ? statedAt(L.grid, fh.row, fh.labelCols[0] ?? fh.left) : statedAt(L.grid, ih!.row, ih!.left));
    return {
      kind,
      layout,
      title: t.title,
      year: t.year,
      range: { top: Math.min(t.top, first.row), left, bottom, right },
      fund: fh?.block,
      indicators,
      total: lastIh?.total,
      hasCompletionRate: hasRate,
      hasDeviationColumn: ih?.cols.deviationNote !== undefined,
      ...(lastIh ? deviationFieldBelow(L, lastIh) : {}),
      ...achievedTextOf(L, fh ? fh.lastRow + 1 : Math.min(t.top, first.row), ih ? ih.row - 1 : bottom, left, right),
      titleCell,
      ...(t.nameLabel ? { nameLabel: t.nameLabel } : {}),
      blocks,
      groups,
      columns,
      unmapped: unmapped.filter(
        (u, i) => unmapped.findIndex((v) => v.cell.row === u.cell.row && v.cell.col === u.cell.col) === i,
      ),
      templateRows: (chain ?? []).flatMap((x) => x.templateRows),
      ...(layouts.length > 0 ? { layouts } : {}),
    };
  };

  // Funds and chains are both in row order (the finders scan rows top to bottom).
  const above = new TablesAbove(L.top);
  for (let i = 0; i < funds.length; i++) {
    const fh = funds[i];
    // The indicator header that belongs to this fund block: the nearest one below it in overlapping
    // columns, with no other fund block in between.
    let nextFundRow = Infinity;
    for (let j = i + 1; j < funds.length && nextFundRow === Infinity; j++)
      if (funds[j].row > fh.row && overlaps(funds[j], fh)) nextFundRow = funds[j].row;
    let chain: IndicatorHeader[] | undefined;
    for (let k = firstChainBelow(inds, fh.lastRow); k < inds.length && inds[k][0].row < nextFundRow; k++) {
      if (!usedInd.has(inds[k]) && overlaps(inds[k][0], fh)) {
        chain = inds[k];
        break;
      }
    }
    if (chain) usedInd.add(chain);
    const t = build(fh, chain, above.bottomAbove(fh.row, fh));
    tables.push(t);
    above.add(t.range);
  }
  for (const chain of inds) {
    if (usedInd.has(chain)) continue;
    const ih = chain[0];
    const t = build(undefined, chain, above.bottomAbove(ih.row, ih));
    tables.push(t);
    above.add(t.range);
  }
  tables.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
  return tables;
}
