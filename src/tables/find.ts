/**
 * Finds every 项目支出绩效自评表 (2024 and 2020 layouts) and 单位整体支出绩效自评表 on a grid, by their
 * labels, wherever they sit: several per sheet, stacked or side by side, with merged cells.
 * Columns are mapped by header text, never by position.
 */
import { isPlaceholder } from "../rules/parse";
import type { FundBlock, FundRow, IndicatorRow, SelfEvaluationTable, StatedCell, TableKind } from "../rules/types";
import { cellAt, gridSize, normLabel, statedAt, type Area, type Grid } from "./grid";

type FundKey = "budgetInitial" | "budgetFull" | "executed" | "points" | "rate" | "score";
type IndicatorKey =
  | "level1"
  | "level2"
  | "name"
  | "weight"
  | "target"
  | "actual"
  | "completionRate"
  | "score"
  | "scoringRule"
  | "deviationNote";

/** Header text → fund block column. */
function fundKey(label: string): FundKey | null {
  if (/^年初预算(数|金额)?$/.test(label)) return "budgetInitial";
  if (/^全年预算(数|金额)?$|^调整后预算(数)?$/.test(label)) return "budgetFull";
  if (/^全年执行(数|金额)?$|^实际执行(数)?$/.test(label)) return "executed";
  if (/^(分值|分值权重|权重)$/.test(label)) return "points";
  if (/^(预算)?执行率$/.test(label)) return "rate";
  if (/^得分$/.test(label)) return "score";
  return null;
}

/** Header text (two header rows joined, for the 2020 layout) → indicator column. */
function indicatorKey(label: string): IndicatorKey | null {
  if (label === "一级指标") return "level1";
  if (label === "二级指标") return "level2";
  if (label === "三级指标") return "name";
  if (/^(权重|分值|分值权重|指标分值)$/.test(label)) return "weight";
  if (/目标值|年度指标值|预期指标值|^年度$|^年度目标$|^计划值$/.test(label)) return "target";
  if (/业绩值|实际完成值|实际完成指标值|^实际值$|^实际$|^完成值$/.test(label)) return "actual";
  if (/完成率/.test(label)) return "completionRate";
  if (/^(指标得分|得分)$/.test(label)) return "score";
  if (/赋分规则|评分规则/.test(label)) return "scoringRule";
  if (/偏差原因/.test(label)) return "deviationNote";
  return null;
}

/** A number that names one cell (Excel has 16,384 columns): cheaper map keys than "row,col" strings. */
const cellKey = (row: number, col: number): number => row * 16384 + col;

/** Merge lookup: which area covers a cell, and whether the cell is the area's top-left. */
export class Merges {
  private readonly byCell = new Map<number, Area>();
  constructor(areas: Area[]) {
    for (const a of areas) {
      const cells = (a.bottom - a.top + 1) * (a.right - a.left + 1);
      if (cells > 200000) continue; // a whole-column merge would blow up the map; treat as unmerged
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) this.byCell.set(cellKey(r, c), a);
    }
  }
  area(row: number, col: number): Area | undefined {
    return this.byCell.get(cellKey(row, col));
  }
  /** True when (row, col) is inside a merged area but not its top-left cell. */
  covered(row: number, col: number): boolean {
    const a = this.area(row, col);
    return !!a && (a.top !== row || a.left !== col);
  }
}

/**
 * The normalised labels of a grid, with its merged areas: one per grid, shared by the finders of one
 * validation (findTables, findAccountsTables) so that each cell is normalised once.
 */
export function labelsOf(grid: Grid): Labels {
  return new Labels(grid, new Merges(grid.merges));
}

/** Normalised labels of the grid, computed once; covered merge cells read as empty. */
export class Labels {
  readonly rows: number;
  readonly cols: number;
  private readonly cache = new Map<number, string>();
  constructor(
    readonly grid: Grid,
    readonly merges: Merges,
  ) {
    const s = gridSize(grid);
    this.rows = s.rows;
    this.cols = s.cols;
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
    const key = cellKey(row, col);
    let v = this.cache.get(key);
    if (v === undefined) {
      const c = cellAt(this.grid, row, col);
      const text = c.text !== "" ? c.text : c.value === null || c.value === undefined ? "" : String(c.value);
      v = this.merges.covered(row, col) ? "" : normLabel(text);
      this.cache.set(key, v);
    }
    return v;
  }
  /** Raw (un-normalised but trimmed) text, for titles and rules. */
  raw(row: number, col: number): string {
    if (this.merges.covered(row, col)) return "";
    const c = cellAt(this.grid, row, col);
    const t = c.text !== "" ? c.text : c.value === null || c.value === undefined ? "" : String(c.value);
    return t.replace(/\[bookmark:[^\]]*\]/gi, "").trim();
  }
  /** Right edge of the cell at (row, col), following a horizontal merge. */
  spanRight(row: number, col: number): number {
    const a = this.merges.area(row, col);
    return a && a.top === row && a.left === col ? a.right : col;
  }
}

interface FundHeader {
  row: number;
  left: number;
  right: number;
  labelCols: number[];
  cols: Partial<Record<FundKey, number>>;
  isUnit: boolean;
  block: FundBlock;
  lastRow: number;
}

interface IndicatorHeader {
  row: number;
  left: number;
  right: number;
  bodyStart: number;
  cols: Partial<Record<IndicatorKey, number>>;
  labels: string[];
  isUnit: boolean;
  rows: IndicatorRow[];
  total?: { row: number; weight?: StatedCell; score?: StatedCell };
  lastRow: number;
}

const STOP_LABELS = /^(年度总体目标|总体目标|项目名称|单位名称|一级指标|项目支出绩效自评表|单位整体支出绩效自评表)/;

function isBlankRow(L: Labels, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (L.at(row, c) !== "") return false;
  return true;
}

function rowHas(L: Labels, row: number, left: number, right: number, re: RegExp): boolean {
  for (let c = left; c <= right; c++) if (re.test(L.at(row, c))) return true;
  return false;
}

/** Finds fund block headers: a row with 年初预算数, 全年预算数 and 全年执行数 side by side. */
function findFundHeaders(L: Labels): FundHeader[] {
  const out: FundHeader[] = [];
  for (let r = L.top; r <= L.bottom; r++) {
    for (let c = L.left; c <= L.right; c++) {
      const t = L.at(r, c);
      if (!t.startsWith("年初预算") || fundKey(t) !== "budgetInitial") continue;
      const cols: Partial<Record<FundKey, number>> = {};
      let right = c;
      for (let x = c, seen = 0; x <= L.right && seen < 8; x = L.spanRight(r, x) + 1, seen++) {
        const k = fundKey(L.at(r, x));
        if (!k || cols[k] !== undefined) break;
        cols[k] = x;
        right = L.spanRight(r, x);
      }
      if (cols.budgetFull === undefined || cols.executed === undefined) continue;
      // Label columns: up to three to the left (项目资金（万元） and the row-label column).
      let left = c;
      for (let x = c - 1; x >= Math.max(L.left, c - 3); x--) {
        const t = L.at(r, x);
        left = x;
        if (/资金（万元）|资金$|资金来源/.test(t)) {
          if (/资金来源/.test(t) && x - 1 >= L.left && /资金/.test(L.at(r, x - 1))) left = x - 1;
          break;
        }
      }
      const labelCols: number[] = [];
      for (let x = left; x < c; x++) labelCols.push(x);
      const isUnit = rowHas(L, r, left, c - 1, /部门资金|单位资金|资金来源/);
      const fh: FundHeader = {
        row: r,
        left,
        right,
        labelCols,
        cols,
        isUnit,
        block: { rows: [], parts: [] },
        lastRow: r,
      };
      readFundRows(L, fh);
      out.push(fh);
      c = right;
    }
  }
  return out;
}

function fundRowLabel(L: Labels, row: number, fh: FundHeader): string {
  const parts: string[] = [];
  for (const x of fh.labelCols) {
    const a = L.merges.area(row, x);
    if (a && a.top <= fh.row && fh.row <= a.bottom) continue; // the block label merged down
    const t = L.at(row, x);
    if (t !== "" && !/资金（万元）$/.test(t)) parts.push(t);
  }
  return parts
    .join("")
    .replace(/^其中[：:]?/, "")
    .replace(/^[：:]/, "");
}

function readFundRows(L: Labels, fh: FundHeader): void {
  const { cols } = fh;
  const rows: FundRow[] = [];
  for (let r = fh.row + 1; r <= Math.min(L.bottom, fh.row + 12); r++) {
    if (rowHas(L, r, fh.left, fh.right, STOP_LABELS)) break;
    if (isBlankRow(L, r, fh.left, fh.right)) break;
    const label = fundRowLabel(L, r, fh);
    if (label === "" && !Object.values(cols).some((x) => x !== undefined && L.at(r, x) !== "")) break;
    const cell = (k: FundKey) => (cols[k] !== undefined ? statedAt(L.grid, r, cols[k]!) : undefined);
    rows.push({
      label: label || "（未命名）",
      role: /^(年度资金总额|资金总额|合计|总计)$/.test(label) ? "total" : "part",
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
    points: pick("points"),
    rate: pick("rate"),
    score: pick("score"),
  };
}

/** Finds indicator headers: a row with 一级指标, 二级指标 and 三级指标. */
function findIndicatorHeaders(L: Labels): IndicatorHeader[] {
  const out: IndicatorHeader[] = [];
  for (let r = L.top; r <= L.bottom; r++) {
    for (let c = L.left; c <= L.right; c++) {
      if (L.at(r, c) !== "一级指标") continue;
      const cols: Partial<Record<IndicatorKey, number>> = {};
      const labels: string[] = [];
      const next = r + 1 <= L.bottom ? r + 1 : r;
      // A second header row (2020 layout: 年度/实际 over 指标值/完成值).
      let twoRows = false;
      let right = c;
      for (let x = c, n = 0; x <= L.right && n < 24; x = L.spanRight(r, x) + 1, n++) {
        const top = L.at(r, x);
        const below = next !== r ? L.at(next, x) : "";
        if (top === "" && below === "") break;
        const sub = /^(指标值|完成值)$/.test(below);
        if (sub) twoRows = true;
        const label = sub ? top + below : top;
        labels.push(label);
        const k = indicatorKey(label);
        if (k && cols[k] === undefined) cols[k] = x;
        right = L.spanRight(r, x);
      }
      if (cols.level2 === undefined || cols.name === undefined) continue;
      // The merged side label (年度绩效指标完成情况 / 绩效指标) sits one column left.
      let left = c;
      if (c - 1 >= L.left) {
        const side = L.at(r, c - 1) || L.at(r + (twoRows ? 2 : 1), c - 1);
        if (side === "" || /指标|绩效/.test(side)) left = c - 1;
      }
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
      };
      readIndicatorRows(L, ih);
      out.push(ih);
      c = right;
    }
  }
  return out;
}

function readIndicatorRows(L: Labels, ih: IndicatorHeader): void {
  const { cols } = ih;
  let level1 = "";
  let level2 = "";
  for (let r = ih.bodyStart; r <= Math.min(L.bottom, ih.bodyStart + 300); r++) {
    if (isBlankRow(L, r, ih.left, ih.right)) break;
    const lead = [L.at(r, ih.left), L.at(r, ih.left + 1), L.at(r, ih.left + 2)].join("");
    if (/^总分|^合计|^总计/.test(lead)) {
      ih.total = readTotalRow(L, ih, r);
      ih.lastRow = r;
      break;
    }
    if (
      rowHas(
        L,
        r,
        ih.left,
        ih.right,
        /^(一级指标|项目名称|单位名称|项目支出绩效自评表|单位整体支出绩效自评表)$|^年初预算数$/,
      )
    )
      break;
    const cell = (k: IndicatorKey) => (cols[k] !== undefined ? statedAt(L.grid, r, cols[k]!) : undefined);
    const text = (k: IndicatorKey) => (cols[k] !== undefined ? L.raw(r, cols[k]!) : "");
    if (text("level1")) level1 = text("level1").replace(/\s+/g, "");
    if (text("level2")) level2 = text("level2").replace(/\s+/g, "");
    const name = text("name");
    const weight = cell("weight");
    if (name === "" && (!weight || L.at(r, weight.col) === "")) {
      ih.lastRow = r;
      continue; // a spacer or continuation row inside the block
    }
    ih.rows.push({
      row: r,
      level1,
      level2,
      name: name.replace(/\s+/g, " "),
      weight,
      target: cell("target"),
      actual: cell("actual"),
      completionRate: cell("completionRate"),
      score: cell("score"),
      scoringRule: cols.scoringRule !== undefined ? text("scoringRule") : undefined,
      deviationNote: cell("deviationNote"),
    });
    ih.lastRow = r;
  }
}

/** 总分 row: the weight under the weight column, the score under the score column (or the last figure). */
function readTotalRow(
  L: Labels,
  ih: IndicatorHeader,
  r: number,
): { row: number; weight?: StatedCell; score?: StatedCell } {
  const { cols } = ih;
  const at = (c: number | undefined) => (c !== undefined && L.at(r, c) !== "" ? statedAt(L.grid, r, c) : undefined);
  let weight = at(cols.weight);
  let score = at(cols.score);
  if (!weight || !score) {
    // Pasted rows can shift: take the figures in order after the 总分 label. Anything else written
    // there (#N/A, 约100) is a figure too, so that its check reports it unreadable instead of skipping it.
    const figures: StatedCell[] = [];
    for (let c = ih.left; c <= ih.right; c++) {
      const t = L.at(r, c);
      if (t === "" || /总分|合计|总计/.test(t) || isPlaceholder(t)) continue;
      figures.push(statedAt(L.grid, r, c));
    }
    weight = weight ?? figures[0];
    score = score ?? (figures.length > 1 ? figures[figures.length - 1] : undefined);
  }
  return { row: r, weight, score };
}

function overlaps(a: { left: number; right: number }, b: { left: number; right: number }): boolean {
  return a.left <= b.right && b.left <= a.right;
}

/** Looks upward from `row` for the 项目名称/单位名称 line and the table heading with its year. */
function findTitle(
  L: Labels,
  row: number,
  left: number,
  right: number,
  floor: number,
): { title: string; titleKind?: TableKind; year?: number; top: number } {
  let title = "";
  let titleKind: TableKind | undefined;
  let year: number | undefined;
  let top = row;
  for (let r = row - 1; r >= Math.max(L.top, floor, row - 10); r--) {
    let stop = false;
    for (let c = left; c <= right; c++) {
      const t = L.at(r, c);
      if (t === "") continue;
      if (!title && /^(项目名称|单位名称)$/.test(t)) {
        titleKind = t === "单位名称" ? "unit-self-evaluation" : "project-self-evaluation";
        for (let x = L.spanRight(r, c) + 1; x <= right + 12 && x <= L.right; x++) {
          if (L.raw(r, x) !== "") {
            title = L.raw(r, x).replace(/\s+/g, " ");
            break;
          }
        }
        top = r;
      } else if (/绩效自评表$/.test(t)) {
        if (/单位整体/.test(t)) titleKind = "unit-self-evaluation";
        else if (!titleKind) titleKind = "project-self-evaluation";
        top = r;
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
  return { title, titleKind, year, top };
}

/**
 * Finds every self-evaluation table on a grid.
 * Input: a Grid (any position, merged areas honoured). Output: the tables in reading order (top to
 * bottom, then left to right), each with its kind, layout, title, range, fund block, indicator rows
 * and 总分 row. Never throws on odd content; a grid with no recognisable labels gives [].
 */
export function findTables(grid: Grid, L: Labels = labelsOf(grid)): SelfEvaluationTable[] {
  const funds = findFundHeaders(L);
  const inds = findIndicatorHeaders(L);
  const usedInd = new Set<IndicatorHeader>();
  const tables: SelfEvaluationTable[] = [];

  const build = (fh: FundHeader | undefined, ih: IndicatorHeader | undefined, floor: number): SelfEvaluationTable => {
    const first = fh ?? ih!;
    const left = Math.min(fh?.left ?? Infinity, ih?.left ?? Infinity);
    const right = Math.max(fh?.right ?? -Infinity, ih?.right ?? -Infinity);
    const t = findTitle(L, first.row, left, right, floor);
    const unitByFund = fh?.isUnit ?? false;
    const unitByInd = ih?.isUnit ?? false;
    const kind: TableKind =
      unitByFund || unitByInd || t.titleKind === "unit-self-evaluation"
        ? "unit-self-evaluation"
        : "project-self-evaluation";
    const hasRate = ih?.cols.completionRate !== undefined;
    const layout =
      kind === "unit-self-evaluation" ? "unit" : hasRate || ih?.labels.some((x) => /业绩值/.test(x)) ? "2024" : "2020";
    const bottom = Math.max(fh?.lastRow ?? -Infinity, ih?.lastRow ?? -Infinity);
    return {
      kind,
      layout,
      title: t.title,
      year: t.year,
      range: { top: Math.min(t.top, first.row), left, bottom, right },
      fund: fh?.block,
      indicators: ih?.rows ?? [],
      total: ih?.total,
      hasCompletionRate: hasRate,
      hasDeviationColumn: ih?.cols.deviationNote !== undefined,
    };
  };

  for (let i = 0; i < funds.length; i++) {
    const fh = funds[i];
    // The indicator header that belongs to this fund block: the nearest one below it in overlapping
    // columns, with no other fund block in between.
    const nextFundRow = funds
      .filter((o) => o !== fh && o.row > fh.row && overlaps(o, fh))
      .reduce((m, o) => Math.min(m, o.row), Infinity);
    const ih = inds
      .filter((x) => !usedInd.has(x) && x.row > fh.lastRow && x.row < nextFundRow && overlaps(x, fh))
      .sort((a, b) => a.row - b.row)[0];
    if (ih) usedInd.add(ih);
    const prevBottom = tables
      .filter((t) => overlaps(t.range, fh) && t.range.bottom < fh.row)
      .reduce((m, t) => Math.max(m, t.range.bottom + 1), L.top);
    tables.push(build(fh, ih, prevBottom));
  }
  for (const ih of inds) {
    if (usedInd.has(ih)) continue;
    const prevBottom = tables
      .filter((t) => overlaps(t.range, ih) && t.range.bottom < ih.row)
      .reduce((m, t) => Math.max(m, t.range.bottom + 1), L.top);
    tables.push(build(undefined, ih, prevBottom));
  }
  tables.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
  return tables;
}
