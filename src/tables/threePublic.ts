/**
 * Reads a “三公”经费 table in any of the shapes the provinces publish, into the same AccountsTable the
 * 公开09表 checks and the text ties use: one line per series of figures (预算数, 决算数, 2023年预算数 …),
 * each with its amounts keyed by item (合计, 因公出国（境）费, 公务用车购置及运行维护费, 公务用车购置费,
 * 公务用车运行维护费, 公务接待费).
 *
 * Shapes: items as rows (the usual; the total first or last; 公务用车 sub-items indented with 其中 or flat);
 * items as columns under a two-row header (合计 | 因公出国（境）费 | 公务用车购置及运行费 {小计 | 购置费 | 运行费} |
 * 公务接待费), one value row per series, with 预算数 / 决算数 blocks side by side (公开09表); count lines
 * (团组数, 人数, 批次, 保有量) read and never summed; a 注 or 说明 line ends the table; change columns
 * (增、减金额 | 增、减幅度) against the two years' figures.
 */
import type {
  AccountsChange,
  AccountsColumn,
  AccountsLine,
  AccountsTable,
  AccountsUnit,
} from "../rules/accounts/types";
import { isPlaceholder } from "../rules/parse";
import type { StatedCell } from "../rules/types";
import type { Labels } from "./find";
import { statedAt, type Grid } from "./grid";
import { normaliseHeader } from "./vocabulary/normalise";
import {
  CHANGE_AMOUNT_WORDS,
  CHANGE_RATE_WORDS,
  DECREASE_WORDS,
  THREE_PUBLIC_COUNT_WORDS,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_STOP_PREFIXES,
  type ThreePublicItem,
} from "./vocabulary/accounts";

/** A line or column label without numbering, 其中, quotes, units and spaces. */
export function itemLabel(text: string): string {
  let t = normaliseHeader(text.replace(/[“”"'‘’「」]/g, "")).label;
  for (let i = 0; i < 3; i++) {
    t = t
      .replace(/^其中[：:]?/, "")
      .replace(/^([一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十\d]+）|\d+[、.．](?!\d))/, "");
  }
  return t.replace(/[：:]$/, "");
}

/** The item a label names, or null. */
export function threePublicItem(text: string): ThreePublicItem | null {
  const t = itemLabel(text);
  if (t === "") return null;
  for (const e of THREE_PUBLIC_ITEMS) if (e.words.includes(t)) return e.item;
  return null;
}

function isCountLabel(text: string): boolean {
  const t = itemLabel(text);
  return THREE_PUBLIC_COUNT_WORDS.some((w) => t.includes(w)) || /（(个|人|辆|批|次|人次)）$/.test(t);
}

function isStop(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  return THREE_PUBLIC_STOP_PREFIXES.some((p) => t.startsWith(p + "：") || t.startsWith(p + ":") || t === p);
}

function isFigure(t: string): boolean {
  return /\d/.test(t) && /^[-+]?[\d,]*\.?\d+\s*%?$/.test(t.replace(/\s+/g, ""));
}

/** The series name a column header gives: 预算数 or 决算数 where it says so, else the header itself. */
function seriesName(header: string, titleDefault: string): string {
  const h = header.replace(/\s+/g, "");
  if (/决算|执行|实际|支出/.test(h) && !/预算/.test(h)) return "决算数";
  if (/预算/.test(h)) return "预算数";
  return h || titleDefault;
}

function changeKind(header: string): "amount" | "rate" | null {
  const h = header.replace(/[\s、，,]/g, "");
  if (!/增|减|变动|比上年/.test(h)) return null;
  if (CHANGE_RATE_WORDS.some((w) => h.endsWith(w) || h.includes(w + "（")) || /%$/.test(h)) return "rate";
  if (CHANGE_AMOUNT_WORDS.some((w) => h.includes(w)) || /增减|减少|增加/.test(h)) return "amount";
  return null;
}

interface ItemHit {
  row: number;
  col: number;
  item: ThreePublicItem;
}

/**
 * Reads the 三公 table under a title cell, up to `limit` (the row before the next table's title).
 * Output: the table, or null when no item can be found (a count-only table, a heading of text).
 */
export function readThreePublic(
  L: Labels,
  grid: Grid,
  title: { row: number; col: number },
  limit: number,
  unitFromTitle: { unit: AccountsUnit; stated: boolean },
): AccountsTable | null {
  const bottom = Math.min(limit, title.row + 60);
  let { unit, stated } = unitFromTitle;
  const hits: ItemHit[] = [];
  for (let r = title.row + 1; r <= bottom; r++) {
    for (let c = L.left; c <= L.right; c++) {
      const raw = L.raw(r, c);
      if (raw === "") continue;
      const h = normaliseHeader(raw);
      if (h.unit && !stated && r <= title.row + 3 && /单位/.test(raw)) {
        unit = h.unit;
        stated = true;
      }
      if (raw.length > 30) continue;
      const item = threePublicItem(raw);
      if (item) hits.push({ row: r, col: c, item });
    }
  }
  if (hits.length < 2) return null;
  // Items as rows: one column holds item labels on several rows; as columns: one row holds several.
  const byCol = new Map<number, ItemHit[]>();
  const byRow = new Map<number, ItemHit[]>();
  for (const h of hits) {
    byCol.set(h.col, [...(byCol.get(h.col) ?? []), h]);
    byRow.set(h.row, [...(byRow.get(h.row) ?? []), h]);
  }
  const bestCol = [...byCol.values()].sort((a, b) => b.length - a.length)[0];
  const bestRow = [...byRow.values()].sort((a, b) => b.length - a.length)[0];
  const titleDefault = /决算/.test(L.at(title.row, title.col)) ? "决算数" : "预算数";
  // A unit written in a column header (`2020年度支出 (万元)`) when no 单位 line says it.
  if (!stated) {
    for (let r = title.row + 1; r <= Math.min(bottom, hits[0].row); r++) {
      for (let c = L.left; c <= L.right; c++) {
        const u = L.at(r, c) === "" ? undefined : L.header(r, c).unit;
        if (u) {
          unit = u;
          stated = true;
        }
      }
    }
  }
  const table =
    bestCol.length >= bestRow.length
      ? readItemsAsRows(L, grid, title, bottom, bestCol[0].col, titleDefault)
      : readItemsAsColumns(L, grid, title, bottom, bestRow[0].row, titleDefault);
  if (!table) return null;
  // A note written in the table's last row (注：…, 说明：…) belongs to the table, not to the 公开说明 text.
  let bottomRow = table.range.bottom;
  while (bottomRow + 1 <= limit && isStop(L.raw(bottomRow + 1, table.range.left))) bottomRow++;
  return { ...table, range: { ...table.range, bottom: bottomRow }, unit, unitStated: stated };
}

type Partial3 = Omit<AccountsTable, "unit" | "unitStated">;

function readItemsAsRows(
  L: Labels,
  grid: Grid,
  title: { row: number; col: number },
  bottom: number,
  labelCol: number,
  titleDefault: string,
): Partial3 | null {
  // Item rows: from the first item label down to a note line or the end; count lines are skipped.
  const itemRows: Array<{ row: number; item: ThreePublicItem }> = [];
  let first = -1;
  let last = -1;
  let blanks = 0;
  for (let r = title.row + 1; r <= bottom; r++) {
    const raw = L.raw(r, labelCol);
    if (first >= 0 && (isStop(raw) || /增减变化原因|说明$/.test(itemLabel(raw)))) break;
    let empty = true;
    for (let c = labelCol; c <= Math.min(L.right, labelCol + 8); c++) if (L.at(r, c) !== "") empty = false;
    if (empty) {
      if (first >= 0 && ++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    // Count lines (团组数, 批次 …) and section headings (二、相关统计数) are part of the table, never summed.
    const item = isCountLabel(raw) ? null : threePublicItem(raw);
    if (item) {
      if (first < 0) first = r;
      itemRows.push({ row: r, item });
    }
    if (first >= 0) last = r;
  }
  if (itemRows.length < 2) return null;
  // The header rows: the rows between the title and the first item row, right of the label column.
  const headerTop = title.row + 1;
  const headerBottom = first - 1;
  const right = lastColumn(L, headerTop, last, labelCol);
  const columns: AccountsColumn[] = [];
  const series: Array<{ col: number; name: string; header: string }> = [];
  const changeCols: Array<{ col: number; kind: "amount" | "rate"; decrease: boolean; header: string }> = [];
  for (let c = labelCol + 1; c <= right; c++) {
    const path: string[] = [];
    for (let r = headerTop; r <= headerBottom; r++) {
      const shown = L.shownAt(r, c);
      const t = L.raw(shown.row, shown.col);
      if (t === "" || /单位[：:]/.test(t) || (shown.row === title.row && shown.col === title.col)) continue;
      if (path[path.length - 1] !== t) path.push(t);
    }
    const header = path.join("/");
    const hasFigures = itemRows.some(({ row }) => L.at(row, c) !== "");
    if (!hasFigures && header === "") continue;
    const change = changeKind(path[path.length - 1] ?? "") ?? changeKind(header);
    if (change) {
      changeCols.push({ col: c, kind: change, decrease: DECREASE_WORDS.some((w) => header.includes(w)), header });
      continue;
    }
    series.push({ col: c, name: seriesName(path[path.length - 1] ?? "", titleDefault), header });
  }
  if (series.length === 0) return null;
  uniqueNames(series);
  const lines: AccountsLine[] = series.map((s) => {
    const amounts: Record<string, StatedCell> = {};
    for (const { row, item } of itemRows) if (!amounts[item]) amounts[item] = statedAt(grid, row, s.col);
    columns.push({ group: s.name, key: "金额", path: s.header.split("/"), col: s.col });
    return { group: s.name, row: itemRows[0].row, label: s.name, sub: false, amounts };
  });
  const changes = pairChanges(series, changeCols, (col) => {
    const out: Record<string, StatedCell> = {};
    for (const { row, item } of itemRows) if (!out[item]) out[item] = statedAt(grid, row, col);
    return out;
  });
  return {
    kind: "three-public-expenses",
    title: L.raw(title.row, title.col),
    titleCell: statedAt(grid, title.row, title.col),
    range: { top: title.row, left: Math.min(labelCol, title.col), bottom: last, right: Math.max(right, title.col) },
    columns,
    lines,
    ...(changes.length > 0 ? { changes } : {}),
    shape: "items-as-rows",
  };
}

function readItemsAsColumns(
  L: Labels,
  grid: Grid,
  title: { row: number; col: number },
  bottom: number,
  itemRow: number,
  titleDefault: string,
): Partial3 | null {
  // Header rows: from the first non-empty row under the title (a group row 预算数 | 决算数 may sit above
  // the items) to the last row of item or sub-item labels.
  let headerTop = itemRow;
  for (let r = itemRow - 1; r > title.row; r--) {
    let groupRow = false;
    for (let c = L.left; c <= L.right; c++) if (/^(预算数|决算数|\d{4}年)/.test(L.at(r, c))) groupRow = true;
    if (!groupRow) break;
    headerTop = r;
  }
  let headerBottom = itemRow;
  while (headerBottom + 1 <= bottom) {
    let sub = false;
    let figure = false;
    for (let c = L.left; c <= L.right; c++) {
      const t = L.at(headerBottom + 1, c);
      if (t === "") continue;
      if (isFigure(t)) figure = true;
      else if (/^小计$/.test(t) || threePublicItem(t)) sub = true;
    }
    if (!sub || figure) break;
    headerBottom++;
  }
  // Columns: the item of each column (小计 under a merged 公务用车 header is the 公务用车 item).
  const cols: Array<{ col: number; item: ThreePublicItem; group: string; path: string[] }> = [];
  let left = L.right;
  let right = L.left;
  for (let c = L.left; c <= L.right; c++) {
    const path: string[] = [];
    for (let r = headerTop; r <= headerBottom; r++) {
      const shown = L.shownAt(r, c);
      const t = L.raw(shown.row, shown.col);
      if (t !== "" && path[path.length - 1] !== t) path.push(t);
    }
    if (path.length === 0) continue;
    const group = path.find((p) => /^(预算数|决算数)$/.test(p.replace(/\s+/g, "")) || /^\d{4}年/.test(p)) ?? "";
    const inner = path.filter((p) => p !== group);
    const lastLabel = inner[inner.length - 1] ?? "";
    let item =
      /^小计$/.test(lastLabel.replace(/\s+/g, "")) && inner.length > 1
        ? threePublicItem(inner[inner.length - 2])
        : threePublicItem(lastLabel);
    if (!item && inner.length > 1) item = threePublicItem(inner[0]);
    if (!item) continue;
    cols.push({ col: c, item, group: group.replace(/\s+/g, ""), path });
    left = Math.min(left, c);
    right = Math.max(right, c);
  }
  if (cols.length < 2) return null;
  // Value rows: below the header (a 栏次 row of 1, 2, 3 … is skipped), while they hold figures.
  const lines: AccountsLine[] = [];
  const headers: string[] = [];
  const changeRows: Array<{ kind: "amount" | "rate"; decrease: boolean; amounts: Record<string, StatedCell> }> = [];
  let last = headerBottom;
  for (let r = headerBottom + 1; r <= bottom; r++) {
    const texts = cols.map((c) => L.at(r, c.col));
    if (texts.every((t) => t === "")) {
      if (lines.length > 0) break;
      continue;
    }
    if (isStop(L.raw(r, L.left))) break;
    const numbers = texts.filter((t) => t !== "").map((t) => t.replace(/\s+/g, ""));
    if (numbers.every((t, i) => t === String(i + 1))) continue; // 栏次
    if (!texts.some((t) => isFigure(t) || isPlaceholder(t))) break;
    const rowLabel = left > L.left ? itemLabel(L.raw(r, left - 1)) : "";
    const groups = [...new Set(cols.map((c) => c.group))];
    const cellsOf = (g: string) => {
      const amounts: Record<string, StatedCell> = {};
      for (const c of cols) if (c.group === g && !amounts[c.item]) amounts[c.item] = statedAt(grid, r, c.col);
      return amounts;
    };
    // Years as rows: a change row (增减额 / 增减率) under the two years' rows.
    const change = rowLabel ? changeKind(rowLabel) : null;
    if (change) {
      changeRows.push({
        kind: change,
        decrease: DECREASE_WORDS.some((w) => rowLabel.includes(w)),
        amounts: cellsOf(groups[0]),
      });
      last = r;
      continue;
    }
    for (const g of groups) {
      const name = g || (rowLabel && !isFigure(rowLabel) ? seriesName(rowLabel, titleDefault) : titleDefault);
      lines.push({ group: name, row: r, label: name, sub: false, amounts: cellsOf(g) });
      headers.push(g || rowLabel);
    }
    last = r;
  }
  if (lines.length === 0) return null;
  const names = lines.map((l, i) => ({ name: l.group, header: headers[i] }));
  uniqueNames(names);
  lines.forEach((l, i) => {
    l.group = names[i].name;
    l.label = names[i].name;
  });
  return {
    kind: "three-public-expenses",
    title: L.raw(title.row, title.col),
    titleCell: statedAt(grid, title.row, title.col),
    range: { top: title.row, left: Math.min(left, title.col), bottom: last, right: Math.max(right, title.col) },
    columns: cols.map((c) => ({ group: c.group, key: c.item, path: c.path, col: c.col })),
    lines,
    ...(changeRows.length > 0 && lines.length >= 2
      ? {
          changes: [
            {
              from: lines[lines.length - 2].group,
              to: lines[lines.length - 1].group,
              amount: changeRows.find((c) => c.kind === "amount")?.amounts ?? {},
              rate: changeRows.find((c) => c.kind === "rate")?.amounts ?? {},
              decrease: !!changeRows.find((c) => c.kind === "amount")?.decrease,
            },
          ],
        }
      : {}),
    shape: "items-as-columns",
  };
}

/** The rightmost column with content between two rows, from `from`. */
function lastColumn(L: Labels, top: number, bottom: number, from: number): number {
  let right = from;
  for (let r = top; r <= bottom; r++)
    for (let c = from; c <= L.right; c++) if (L.at(r, c) !== "") right = Math.max(right, L.spanRight(r, c));
  return right;
}

/** Series with the same name get their header (or a number) added, so that each line has its own group. */
function uniqueNames(series: Array<{ name: string; header?: string }>): void {
  const count = new Map<string, number>();
  for (const s of series) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const s of series) {
    if ((count.get(s.name) ?? 0) < 2) continue;
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    s.name = s.header && s.header !== s.name ? s.header.replace(/\//g, "") : `${s.name}${n}`;
  }
}

/** Change columns against the two series before them: the earlier and the later year. */
function pairChanges(
  series: Array<{ col: number; name: string }>,
  changes: Array<{ col: number; kind: "amount" | "rate"; decrease: boolean; header: string }>,
  cells: (col: number) => Record<string, StatedCell>,
): AccountsChange[] {
  const out: AccountsChange[] = [];
  if (changes.length === 0) return out;
  const before = series.filter((s) => s.col < changes[0].col);
  if (before.length < 2) return out;
  const [from, to] = before.slice(-2);
  const amount = changes.find((c) => c.kind === "amount");
  const rate = changes.find((c) => c.kind === "rate");
  out.push({
    from: from.name,
    to: to.name,
    amount: amount ? cells(amount.col) : {},
    rate: rate ? cells(rate.col) : {},
    decrease: !!amount?.decrease,
  });
  return out;
}
