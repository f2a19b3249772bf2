/**
 * Finds the nine 部门决算 tables (公开01表 … 公开09表) on a grid by their titles and header labels,
 * wherever they sit: one per sheet or stacked, with subject codes in one column or split over 类/款/项
 * columns, amounts in 万元 or 元, 栏次/行次 columns, and blank rows between blocks.
 * Columns are mapped by header text, never by position.
 */
import {
  type AccountsUnit,
  type AccountsColumn,
  type AccountsKind,
  type AccountsLine,
  type AccountsTable,
  type SubjectLevel,
} from "../rules/accounts/types";
import type { StatedCell } from "../rules/types";
import { labelsOf, type Labels } from "./find";
import { statedAt, type Grid } from "./grid";
import { readThreePublic } from "./threePublic";
import {
  ACCOUNTS_GROUP_WORDS,
  ACCOUNTS_HEADER_WORDS,
  ACCOUNTS_LINE_WORDS,
  ACCOUNTS_TITLES,
  THREE_PUBLIC_TITLE,
} from "./vocabulary/accounts";
import { normaliseHeader } from "./vocabulary/normalise";

const HEADER_WORDS = new Set(ACCOUNTS_HEADER_WORDS);
const GROUP_WORDS = new Set(ACCOUNTS_GROUP_WORDS);
const isLineWord = (label: string): boolean => ACCOUNTS_LINE_WORDS.some((w) => label.startsWith(w));

function cleanTitle(text: string): string {
  return text
    .replace(/[“”"'‘’「」『』]/g, "")
    .replace(/（?公开\d+表）?/g, "")
    .replace(/（[^（）]*年度?）$/, "");
}

/** The kind of a title cell, or null. Long texts (narrative sentences) are never titles. */
export function accountsKindOfTitle(text: string): AccountsKind | null {
  if (text.length > 60 || /[，。；]/.test(text)) return null;
  const t = cleanTitle(text);
  for (const [re, kind] of ACCOUNTS_TITLES) if (re.test(t)) return kind;
  const n = normaliseHeader(t).label;
  if (
    n.includes(THREE_PUBLIC_TITLE.words) &&
    THREE_PUBLIC_TITLE.endings.some((e) => n.endsWith(e)) &&
    !/^[注说]/.test(n)
  )
    return "three-public-expenses";
  return null;
}

/** Strips numbering and 其中 from a line label: "一、一般公共预算财政拨款收入" → "一般公共预算财政拨款收入". */
export function lineLabel(text: string): { label: string; sub: boolean } {
  let t = text.replace(/[“”"'‘’]/g, "");
  const sub = /^其中[:：]?/.test(t);
  t = t.replace(/^其中[:：]?/, "");
  t = t.replace(/^([一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．](?!\d))/, "");
  t = t.replace(/[（(](类|款|项)[)）]$/, "");
  return { label: t, sub };
}

function isNumberText(t: string): boolean {
  return /^-?[\d,]+(\.\d+)?$/.test(t);
}

function codeLevel(code: string): SubjectLevel | undefined {
  return code.length === 3 ? "类" : code.length === 5 ? "款" : code.length === 7 ? "项" : undefined;
}

interface ColumnRole {
  kind: "code" | "codeClass" | "codeKuan" | "codeXiang" | "name" | "lineNo" | "amount";
  group: string;
  key: string;
  path: string[];
}

function roleOf(path: string[]): ColumnRole {
  const group = path.length > 0 && GROUP_WORDS.has(path[0]) ? path[0] : "";
  const inner = group ? path.slice(1) : path;
  const last = inner[inner.length - 1] ?? "";
  const joined = inner.join("/");
  const base = { group, path, key: "" };
  if (/行次|栏次/.test(joined)) return { ...base, kind: "lineNo" };
  if (/科目编码|^编码$/.test(last) || /科目编码$/.test(joined)) return { ...base, kind: "code" };
  if (last === "类") return { ...base, kind: "codeClass" };
  if (last === "款") return { ...base, kind: "codeKuan" };
  if (last === "项") return { ...base, kind: "codeXiang" };
  if (/科目名称|^项目$|^名称$/.test(last) || (inner.length === 0 && group !== "")) return { ...base, kind: "name" };
  let key = last.replace(/[（(](万元|元)[)）]$/, "");
  if ((key === "小计" || key === "") && inner.length > 1) key = inner[inner.length - 2];
  if (key === "公务用车运行费") key = "公务用车运行维护费";
  if (key === "决算数" || key === "") key = "金额";
  return { ...base, kind: "amount", key };
}

interface TitleHit {
  row: number;
  col: number;
  kind: AccountsKind;
}

/**
 * Finds every 部门决算 table on the grid.
 * Input: a Grid. Output: the recognised tables in sheet order (top to bottom, left to right), each with
 * its columns and lines; an empty array when there is none. Never throws on cell content.
 */
export function findAccountsTables(grid: Grid, L: Labels = labelsOf(grid)): AccountsTable[] {
  const hits: TitleHit[] = [];
  for (let r = L.top; r <= L.bottom; r++) {
    for (let c = L.left; c <= L.right; c++) {
      if (L.isNumber(r, c)) continue; // a title is text (and a figure's label need not be made)
      const t = L.at(r, c);
      if (!t.includes("决算") && !t.includes("三公")) continue; // every title names a 决算表 or 三公经费
      const kind = accountsKindOfTitle(t);
      if (kind) hits.push({ row: r, col: c, kind });
    }
  }
  const tables: AccountsTable[] = [];
  hits.forEach((hit, i) => {
    const nextTitle = hits.slice(i + 1).find((h) => h.row > hit.row)?.row ?? L.bottom + 1;
    const t =
      hit.kind === "three-public-expenses"
        ? readThreePublicAt(L, grid, hit, nextTitle - 1)
        : readTable(L, grid, hit, nextTitle - 1);
    if (t) tables.push(t);
  });
  return tables;
}

/** The unit line under a title (单位：万元 / 元 / 亿元), within a few rows. */
function unitBelow(L: Labels, hit: TitleHit, limit: number): { unit: AccountsUnit; stated: boolean } {
  for (let r = hit.row; r <= Math.min(limit, hit.row + 3); r++) {
    for (let c = L.left; c <= L.right; c++) {
      const u = /单位[:：]?(万元|亿元|元)/.exec(L.at(r, c));
      if (u) return { unit: u[1] as AccountsUnit, stated: true };
    }
  }
  return { unit: "万元", stated: false };
}

function readThreePublicAt(L: Labels, grid: Grid, hit: TitleHit, limit: number): AccountsTable | null {
  return readThreePublic(L, grid, hit, limit, unitBelow(L, hit, limit));
}

function readTable(L: Labels, grid: Grid, hit: TitleHit, limit: number): AccountsTable | null {
  // Unit line and header start: the rows just below the title.
  let unit: AccountsUnit = "万元";
  let unitStated = false;
  let headerTop = -1;
  for (let r = hit.row; r <= Math.min(limit, hit.row + 8) && headerTop < 0; r++) {
    for (let c = L.left; c <= L.right; c++) {
      const t = L.at(r, c);
      const u = /单位[:：]?(万元|亿元|元)/.exec(t);
      if (u) {
        unit = u[1] as AccountsUnit;
        unitStated = true;
      }
      if (r > hit.row && HEADER_WORDS.has(t)) headerTop = r;
    }
  }
  if (headerTop < 0) return null;
  // Horizontal extent: the header row's labelled columns (following merges).
  let left = L.right;
  let right = L.left;
  for (let c = L.left; c <= L.right; c++) {
    if (L.at(headerTop, c) !== "") {
      left = Math.min(left, c);
      right = Math.max(right, L.spanRight(headerTop, c));
    }
  }
  // Header rows run until the first data row; a 栏次 row belongs to the header.
  let dataTop = headerTop + 1;
  const isLineNoRow = (r: number) => {
    let n = 0;
    for (let c = left; c <= right; c++) {
      const t = L.at(r, c);
      if (/^(栏次|行次)$/.test(t)) return true;
      if (t !== "") {
        if (t !== String(n + 1) && !/^(栏次|行次)$/.test(t)) return false;
        n++;
      }
    }
    return n >= 2;
  };
  // A data row has a subject code, a decimal amount, a numbered label, or only line labels (合计 …) as text;
  // a header row that names 合计 among other column titles is not one.
  const isDataRow = (r: number) => {
    const texts: string[] = [];
    for (let c = left; c <= right; c++) {
      const t = L.at(r, c);
      if (/^\d{3}(\d{2}){0,2}$/.test(t) || /^[一二三四五六七八九十]+、/.test(t)) return true;
      if (isNumberText(t) && /\./.test(t)) return true;
      if (t !== "" && !isNumberText(t)) texts.push(t);
    }
    return texts.length > 0 && texts.every((t) => isLineWord(lineLabel(t).label));
  };
  while (dataTop <= limit && dataTop <= headerTop + 5 && !isDataRow(dataTop) && !isLineNoRow(dataTop)) dataTop++;
  const headerBottom = dataTop - 1;
  while (dataTop <= limit && isLineNoRow(dataTop)) dataTop++;
  if (dataTop > limit) return null;

  // Column paths: header labels top to bottom; a group label carries right over empty cells of its row.
  const paths: string[][] = [];
  for (let c = left; c <= right; c++) paths.push([]);
  for (let r = headerTop; r <= headerBottom; r++) {
    let carry = "";
    for (let c = left; c <= right; c++) {
      const area = L.merges.area(r, c);
      let t = area ? L.at(area.top, area.left) : L.at(r, c);
      if (t === "" && r < headerBottom && carry !== "" && !area) t = carry;
      if (t !== "") {
        if (paths[c - left][paths[c - left].length - 1] !== t) paths[c - left].push(t);
        carry = r < headerBottom ? t : "";
      }
    }
  }
  const roles = paths.map(roleOf);
  const columns: AccountsColumn[] = [];
  roles.forEach((role, i) => {
    if (role.kind === "amount") columns.push({ group: role.group, key: role.key, path: role.path, col: left + i });
  });
  const groups = [...new Set(roles.map((r) => r.group))];

  // Data rows until the limit, a note line, or five blank rows in a row.
  const lines: AccountsLine[] = [];
  let bottom = headerBottom;
  let blanks = 0;
  const carried: { class?: string; kuan?: string } = {};
  for (let r = dataTop; r <= limit; r++) {
    const first = L.at(r, left);
    if (/^(注|说明|备注)[:：\d]/.test(first)) break;
    let blank = true;
    for (let c = left; c <= right; c++) if (L.at(r, c) !== "") blank = false;
    if (blank) {
      if (++blanks >= 5) break;
      continue;
    }
    blanks = 0;
    bottom = r;
    for (const group of groups) {
      const line = readLine(L, grid, r, left, roles, group, carried);
      if (line) lines.push(line);
    }
  }
  if (columns.length === 0) return null;
  return {
    kind: hit.kind,
    title: L.raw(hit.row, hit.col),
    titleCell: statedAt(grid, hit.row, hit.col),
    unit,
    unitStated,
    range: { top: hit.row, left: Math.min(left, hit.col), bottom, right: Math.max(right, hit.col) },
    columns,
    lines,
  };
}

function readLine(
  L: Labels,
  grid: Grid,
  row: number,
  left: number,
  roles: ColumnRole[],
  group: string,
  carried: { class?: string; kuan?: string },
): AccountsLine | null {
  let label = "";
  let labelCell: StatedCell | undefined;
  let code: string | undefined;
  let sub = false;
  const split: { class?: string; kuan?: string; xiang?: string } = {};
  const amounts: AccountsLine["amounts"] = {};
  let any = false;
  roles.forEach((role, i) => {
    if (role.group !== group && role.group !== "") return;
    if (role.group === "" && group !== "" && role.kind === "amount") return;
    const col = left + i;
    const t = L.at(row, col);
    if (role.kind === "name") {
      if (role.group !== group && label) return;
      const l = lineLabel(t);
      if (t !== "" || !labelCell) {
        label = l.label;
        sub = l.sub;
        labelCell = statedAt(grid, row, col);
      }
    } else if (role.kind === "code") {
      if (/^\d{3,7}$/.test(t)) code = t;
      else if (t && !label) {
        // A code column that holds the label itself (合计 written across 编码 and 名称).
        const l = lineLabel(t);
        label = l.label;
        sub = l.sub;
        labelCell = statedAt(grid, row, col);
      }
    } else if (role.kind === "codeClass") {
      if (/^\d{3}$/.test(t)) split.class = t;
      else if (t && !label) {
        label = lineLabel(t).label;
        labelCell = statedAt(grid, row, col);
      }
    } else if (role.kind === "codeKuan") {
      if (/^\d{2}$/.test(t)) split.kuan = t;
    } else if (role.kind === "codeXiang") {
      if (/^\d{2}$/.test(t)) split.xiang = t;
    } else if (role.kind === "amount" && role.group === group) {
      const cell = statedAt(grid, row, col);
      amounts[role.key] = cell;
      if (t !== "") any = true;
    }
  });
  if (split.class || split.kuan || split.xiang) {
    // Split codes: a blank part is carried from the rows above (a 项 row may show only its 项 digits).
    if (split.class) {
      carried.class = split.class;
      carried.kuan = undefined;
    }
    if (split.kuan) carried.kuan = split.kuan;
    const cls = split.class ?? carried.class;
    if (split.xiang && cls && carried.kuan) code = cls + carried.kuan + split.xiang;
    else if (split.kuan && cls) code = cls + split.kuan;
    else if (split.class) code = split.class;
  }
  if (!label && !code && !any) return null;
  return {
    group,
    row,
    label,
    ...(labelCell ? { labelCell } : {}),
    ...(code ? { code, level: codeLevel(code) } : {}),
    sub,
    amounts,
  };
}
