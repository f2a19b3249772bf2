/**
 * Reading stated figures (rules-reference §2 "Reading targets and actuals", §6).
 *
 * Every parser takes any input and returns a typed result; none throws. Text that cannot be read
 * becomes `{ kind: "unreadable", reason }` so that callers can turn it into a finding.
 */
import { Decimal, ONE } from "./decimal";
import type { CellValue } from "./types";

/** The inputs a parser needs from a cell: its raw value, its text as shown, and its number format. */
export interface CellInput {
  value?: CellValue;
  text?: string;
  numberFormat?: string;
}

export interface Unreadable {
  kind: "unreadable";
  text: string;
  reason: string;
}
export interface Empty {
  kind: "empty";
}

/** A plain number as stated, with the decimals it shows (its precision). */
export interface StatedNumber {
  kind: "number";
  value: Decimal;
  decimals: number;
  /**
   * `value` × 10^`decimals` as an exact safe integer, when the figure was read from its text with at most
   * 15 digits: sums and equalities of such figures need no decimal arithmetic (see `sumAgreesExactly`).
   */
  scaled?: number | undefined;
}

/** A percentage as stated: `ratio` 1 = 100%; `decimals` are the decimals of the percent figure (99.27% → 2). */
export interface StatedPercent {
  kind: "percent";
  ratio: Decimal;
  decimals: number;
  /** The percent figure × 10^`decimals` as an exact integer (99.27% → 9927), when read from its text. */
  scaled?: number | undefined;
}

type Parsed = StatedNumber | StatedPercent | Empty | Unreadable;
/** The cells parsed during one validation, by cell object and reading (see `withParsedCells`). */
let parsedCells: Record<"amount" | "score" | "percent", Map<CellInput, Parsed>> | null = null;
/**
 * The targets and actuals read during one validation, by table year and text (see `parseMeasure`): the
 * rows of a sheet's tables repeat the same few hundred (100%, ≥95%, 是, 达到预期 …).
 */
let parsedMeasures: Map<string, Measure> | null = null;
/**
 * The cells' readings during one validation by what a reader reads of a cell: by its text, then its value
 * (with its type, `Object.is`) and number format. Cells showing the same content (10.00, 100%) share one.
 */
let parsedContents: Record<"amount" | "score" | "percent", Map<string, ContentReading[]>> | null = null;
interface ContentReading {
  value: CellInput["value"];
  numberFormat: string | undefined;
  reading: Parsed;
}

function cached<T extends Parsed>(
  kind: "amount" | "score" | "percent",
  cell: CellInput,
  parse: (c: CellInput) => T,
): T {
  if (!parsedCells || typeof cell !== "object" || cell === null) return parse(cell);
  const memo = parsedCells[kind];
  let r = memo.get(cell) as T | undefined;
  if (r === undefined) {
    // Another cell showing the same content (10.00, 100%) was read already: its reading is shared. A
    // missing text reads as an empty one.
    const byText = parsedContents![kind];
    const text = cell.text ?? "";
    let same = byText.get(text);
    if (same)
      for (const c of same)
        if (Object.is(c.value, cell.value) && c.numberFormat === cell.numberFormat) {
          r = c.reading as T;
          break;
        }
    if (r === undefined) {
      r = parse(cell);
      if (!same) byText.set(text, (same = []));
      same.push({ value: cell.value, numberFormat: cell.numberFormat, reading: r });
    }
    memo.set(cell, r);
  }
  return r;
}

/**
 * Runs `f` (one validation) with each cell object parsed at most once per reading: the checks, the
 * profile inference and the coverage read the same stated cells; cells of the same content (value,
 * text, number format) share one reading; and each target or actual text is read once per table year. The results are shared, so callers never change a parse result. Outside `f`
 * every call parses afresh. Returns what `f` returns; rethrows its errors.
 */
export function withParsedCells<T>(f: () => T): T {
  if (parsedCells) return f();
  parsedCells = { amount: new Map(), score: new Map(), percent: new Map() };
  parsedMeasures = new Map();
  parsedContents = { amount: new Map(), score: new Map(), percent: new Map() };
  try {
    return f();
  } finally {
    parsedCells = null;
    parsedMeasures = null;
    parsedContents = null;
  }
}

const FULL_WIDTH_DIGITS = /[０-９]/g;
/** Printable ASCII without "[" (which may open a Word bookmark): normalizeText only trims it. */
const PLAIN_ASCII = /^[\x20-\x5a\x5c-\x7e]*$/;

/** Every character normalizeText converts or drops (and "[", which may open a Word bookmark). */
const CONVERTED = /[０-９．％＋－﹣−＞﹥＜﹤＝﹦═≧≦\u00a0\u3000\u200b\ufeff[]/;

/**
 * Normalises text for reading: full-width digits and symbols to ASCII, non-breaking and ideographic
 * spaces removed, Word artefacts such as `[bookmark: _GoBack]` dropped.
 */
export function normalizeText(input: string): string {
  // Most cells are plain ASCII (figures as typed): nothing to convert but the surrounding spaces.
  if (PLAIN_ASCII.test(input)) return input.trim();
  // Most other cells are words: nothing to convert when none of the characters below occurs.
  if (!CONVERTED.test(input)) return input.trim();
  return input
    .replace(/\[bookmark:[^\]]*\]/gi, "")
    .replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".")
    .replace(/％/g, "%")
    .replace(/＋/g, "+")
    .replace(/[－﹣−]/g, "-")
    .replace(/[＞﹥]/g, ">")
    .replace(/[＜﹤]/g, "<")
    .replace(/[＝﹦═]/g, "=")
    .replace(/≧/g, "≥")
    .replace(/≦/g, "≤")
    .replace(/[\u00a0\u3000\u200b\ufeff]/g, " ")
    .trim();
}

/** The text a cell shows, or its value as text when no text is available. */
export function cellText(cell: CellInput): string {
  if (typeof cell.text === "string" && cell.text !== "") return cell.text;
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return String(v);
}

/** Dash-like placeholders that mean "no figure" in the published tables. */
export function isPlaceholder(text: string): boolean {
  // Dashes with spaces anywhere between them (the same as removing the spaces first, without a copy).
  return PLACEHOLDER.test(text);
}

const PLACEHOLDER = /^[\s\-—–─―/\\－、]*$/;

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$|^([+-]?)\.(\d+)$/;

/**
 * Reads a bare number such as `1,286.27`, `-3`, `0.91` (after normalizeText). Returns null when the
 * whole string is not a number. `decimals` counts the written decimals.
 */
export function readNumber(text: string): { value: Decimal; decimals: number; scaled: number | undefined } | null {
  const t = text.replace(/\s+/g, "");
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  if (m[5] !== undefined) {
    return { value: new Decimal(`${m[4]}0.${m[5]}`), decimals: m[5].length, scaled: scaledOf(m[4], m[5]) };
  }
  const digits = m[2].replace(/,/g, "");
  const frac = m[3] ?? "";
  return {
    value: new Decimal(`${m[1]}${digits}${frac ? "." + frac : ""}`),
    decimals: frac.length,
    scaled: scaledOf(m[1], digits + frac),
  };
}

/** The written digits (integer and decimals run together) with their sign as an integer, when exact (≤ 15 digits). */
function scaledOf(sign: string, allDigits: string): number | undefined {
  if (allDigits.length > 15) return undefined;
  const n = Number(allDigits);
  return sign === "-" ? -n : n;
}

function decimalsOfFormat(numberFormat: string | undefined): number | null {
  if (!numberFormat || /general/i.test(numberFormat)) return null;
  const section = numberFormat.split(";")[0];
  const bare = section.replace(/"[^"]*"/g, "");
  if (!/[0#]/.test(bare)) return null;
  const m = /\.([0#]+)/.exec(bare);
  return m ? m[1].length : 0;
}

function numberFromValue(v: number): Decimal | null {
  if (!Number.isFinite(v)) return null;
  try {
    return new Decimal(v);
  } catch {
    return null;
  }
}

/** Excel error values as they appear in `values`/`text`: #N/A, #DIV/0!, #VALUE! … */
export function isExcelError(text: string): boolean {
  return /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/i.test(
    text.trim(),
  );
}

/**
 * Reads an amount in 万元 such as `1,286.27`, `700.00`, `0.91万元`.
 * Input: a cell. Output: the amount (万元) with its stated decimals, `empty` for a blank or dash cell,
 * or `unreadable`. Never throws.
 */
export function parseAmount(cell: CellInput): StatedNumber | Empty | Unreadable {
  return cached("amount", cell, parseAmountUncached);
}

function parseAmountUncached(cell: CellInput): StatedNumber | Empty | Unreadable {
  try {
    const raw = cellText(cell);
    const text = normalizeText(raw);
    if (text === "" || isPlaceholder(text)) return { kind: "empty" };
    if (isExcelError(text)) return { kind: "unreadable", text: raw, reason: "excel-error" };
    if (!cell.text && typeof cell.value === "number") {
      // No displayed text (a host that gives values only): the format says the precision.
      const d = numberFromValue(cell.value);
      if (d) return { kind: "number", value: d, decimals: decimalsOfFormat(cell.numberFormat) ?? d.decimalPlaces() };
    }
    const stripped = text.replace(/\s*(万元|万|元)$/, "");
    const n = readNumber(stripped);
    if (n) return { kind: "number", value: n.value, decimals: n.decimals, scaled: n.scaled };
    if (typeof cell.value === "number") {
      const d = numberFromValue(cell.value);
      if (d) return { kind: "number", value: d, decimals: decimalsOfFormat(cell.numberFormat) ?? d.decimalPlaces() };
    }
    return { kind: "unreadable", text: raw, reason: "not-a-number" };
  } catch {
    return { kind: "unreadable", text: String(cell?.text ?? ""), reason: "not-a-number" };
  }
}

/**
 * Reads a score such as `9.82`, `10.00分`, `89.62分`, or a number cell.
 * Output: the score (points) with its stated decimals; an integer score is read as having 2 decimals
 * (rules-reference §6: a stated 10 against 9.93 is an error). Never throws.
 */
export function parseScore(cell: CellInput): StatedNumber | Empty | Unreadable {
  return cached("score", cell, parseScoreUncached);
}

function parseScoreUncached(cell: CellInput): StatedNumber | Empty | Unreadable {
  // The amount reader reads only these three (a spread of the whole cell would copy its position too).
  const text = normalizeText(cellText(cell)).replace(/\s*分$/, "");
  const r = parseAmountUncached({ value: cell.value, text, numberFormat: cell.numberFormat });
  if (r.kind !== "number" || r.decimals >= 2) return r;
  // Read at 2 decimals: the scaled integer moves with them (10 → 1000).
  const scaled = r.scaled === undefined ? undefined : r.scaled * 10 ** (2 - r.decimals);
  return { kind: "number", value: r.value, decimals: 2, scaled: Number.isSafeInteger(scaled) ? scaled : undefined };
}

/**
 * Reads a percentage in any of its three forms (rules-reference §6):
 * text `99.27%`; a fraction 0.9927 under a percent number format (text `99.27%`); or a plain
 * number `99.27` under a 率 header, read as a percent figure.
 * Output: `ratio` (1 = 100%) and the decimals of the percent figure. Never throws.
 */
/** True when a number format shows its number as a percent (0.9927 under "0.00%" shows 99.27%). */
export function isPercentFormat(numberFormat: string | undefined): boolean {
  return (numberFormat ?? "").includes("%");
}

export function parsePercent(cell: CellInput): StatedPercent | Empty | Unreadable {
  return cached("percent", cell, parsePercentUncached);
}

function parsePercentUncached(cell: CellInput): StatedPercent | Empty | Unreadable {
  try {
    const raw = cellText(cell);
    const text = normalizeText(raw);
    if (text === "" || isPlaceholder(text)) return { kind: "empty" };
    if (isExcelError(text)) return { kind: "unreadable", text: raw, reason: "excel-error" };
    const pct = /^(.*?)\s*%$/.exec(text);
    if (pct) {
      const n = readNumber(pct[1]);
      if (n) return { kind: "percent", ratio: n.value.div(100), decimals: n.decimals, scaled: n.scaled };
      return { kind: "unreadable", text: raw, reason: "not-a-percent" };
    }
    if (isPercentFormat(cell.numberFormat) && typeof cell.value === "number") {
      const d = numberFromValue(cell.value);
      if (d) {
        const dp = decimalsOfFormat(cell.numberFormat) ?? Math.max(0, d.decimalPlaces() - 2);
        return { kind: "percent", ratio: d, decimals: dp };
      }
    }
    const n = readNumber(text);
    if (n) return { kind: "percent", ratio: n.value.div(100), decimals: n.decimals, scaled: n.scaled };
    return { kind: "unreadable", text: raw, reason: "not-a-percent" };
  } catch {
    return { kind: "unreadable", text: String(cell?.text ?? ""), reason: "not-a-percent" };
  }
}

// ---------------------------------------------------------------------------------------------
// Targets and actuals
// ---------------------------------------------------------------------------------------------

/** Comparison operator of a target: ≥ (at least), > , = (or none), ≤ (at most, cost ceilings), <. */
export type Operator = ">=" | ">" | "=" | "<=" | "<";

/** A calendar day range: a stated `2025年5月` is the whole of May; `2024年12月10日` is one day. */
export interface DateSpan {
  /** Inclusive first day, as yyyymmdd number. */
  start: number;
  /** Inclusive last day, as yyyymmdd number. */
  end: number;
  /** True when the year was not written and was taken from the table's year. */
  yearAssumed: boolean;
}

export interface QuantityMeasure {
  kind: "quantity";
  op: Operator;
  /** True when an operator was written (`>=13套`), false for a bare figure (`13套`). */
  opWritten: boolean;
  value: Decimal;
  /** Unit as written, normalised (`万元`, `%`, `个`, `元/生·月`, "" for none). */
  unit: string;
  text: string;
}
export interface DateMeasure {
  kind: "date";
  op: Operator;
  date: DateSpan;
  /** Written as a deadline (`…前`, `之前`, `以前`, `<=`), as opposed to a plain date. */
  deadline: boolean;
  text: string;
}
export interface QualitativeMeasure {
  kind: "qualitative";
  op: Operator;
  /** The text without operator, e.g. 明显提升, 达到预期指标. */
  text: string;
}
export type Measure = QuantityMeasure | DateMeasure | QualitativeMeasure | Empty | Unreadable;

const OPERATOR_PREFIXES: Array<[RegExp, Operator]> = [
  [/^(>=|=>|≥|不低于|不少于|大于等于|大于或等于|至少)/, ">="],
  [/^(<=|=<|≤|不高于|不超过|不多于|小于等于|小于或等于|至多|控制在)/, "<="],
  [/^(>|大于|高于|多于|超过)/, ">"],
  [/^(<|小于|低于|少于)/, "<"],
  [/^(==|=|等于)/, "="],
];

/** Splits a leading operator (and a trailing 以上/以下/以内) from a target or actual. */
export function splitOperator(text: string): { op: Operator; written: boolean; rest: string } {
  let t = text.trim();
  // No operator starts with a digit: a figure as typed (95%, 13套) skips the prefixes.
  const first = t.charCodeAt(0);
  if (!(first >= 48 && first <= 57))
    for (const [re, op] of OPERATOR_PREFIXES) {
      const m = re.exec(t);
      if (m) {
        t = t.slice(m[0].length).trim();
        // "≥=" / ">= =" written twice happens in pasted tables.
        t = t.replace(/^=/, "").trim();
        return { op, written: true, rest: t };
      }
    }
  if (/(以上|及以上)$/.test(t)) return { op: ">=", written: true, rest: t.replace(/(及以上|以上)$/, "").trim() };
  if (/(以下|以内|及以下)$/.test(t))
    return { op: "<=", written: true, rest: t.replace(/(及以下|以下|以内)$/, "").trim() };
  return { op: "=", written: false, rest: t };
}

function ymd(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validDate(y: number, m: number, d?: number): boolean {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12)) return false;
  return d === undefined || (d >= 1 && d <= daysInMonth(y, m));
}

/**
 * Reads one date expression: `2024年12月10日`, `2025年5月`, `12月底`, `2024-12-10`, `2024.12.10`,
 * `2024年`, `年底`. Returns null when the text is not a date.
 */
function readDate(text: string, defaultYear: number | undefined): DateSpan | null {
  const t = text.replace(/\s+/g, "");
  let m = /^(\d{4})[年\-./](\d{1,2})[月\-./](\d{1,2})[日号]?$/.exec(t);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    return validDate(y, mo, d) ? { start: ymd(y, mo, d), end: ymd(y, mo, d), yearAssumed: false } : null;
  }
  m = /^(\d{4})[年\-./](\d{1,2})月?(底|末|中旬|上旬|下旬)?$/.exec(t);
  if (m) {
    const [y, mo] = [+m[1], +m[2]];
    if (!validDate(y, mo)) return null;
    const last = daysInMonth(y, mo);
    const part = m[3];
    if (part === "上旬") return { start: ymd(y, mo, 1), end: ymd(y, mo, 10), yearAssumed: false };
    if (part === "中旬") return { start: ymd(y, mo, 11), end: ymd(y, mo, 20), yearAssumed: false };
    if (part === "下旬") return { start: ymd(y, mo, 21), end: ymd(y, mo, last), yearAssumed: false };
    if (part) return { start: ymd(y, mo, last), end: ymd(y, mo, last), yearAssumed: false };
    return { start: ymd(y, mo, 1), end: ymd(y, mo, last), yearAssumed: false };
  }
  m = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(t);
  if (m && defaultYear) {
    const [mo, d] = [+m[1], +m[2]];
    return validDate(defaultYear, mo, d)
      ? { start: ymd(defaultYear, mo, d), end: ymd(defaultYear, mo, d), yearAssumed: true }
      : null;
  }
  m = /^(\d{1,2})月(底|末)?$/.exec(t);
  if (m && defaultYear) {
    const mo = +m[1];
    if (!validDate(defaultYear, mo)) return null;
    const last = daysInMonth(defaultYear, mo);
    return { start: ymd(defaultYear, mo, m[2] ? last : 1), end: ymd(defaultYear, mo, last), yearAssumed: true };
  }
  m = /^(\d{4})年(底|末|内|度)?$/.exec(t);
  if (m) {
    const y = +m[1];
    if (!validDate(y, 12)) return null;
    return {
      start: ymd(y, m[2] === "底" || m[2] === "末" ? 12 : 1, m[2] === "底" || m[2] === "末" ? 31 : 1),
      end: ymd(y, 12, 31),
      yearAssumed: false,
    };
  }
  if (/^(年底|年末|本年底|当年底|年内)$/.test(t) && defaultYear) {
    return { start: ymd(defaultYear, 12, 31), end: ymd(defaultYear, 12, 31), yearAssumed: true };
  }
  return null;
}

/** Converts an Excel serial date (1900 system) to a one-day span. */
function serialToSpan(serial: number): DateSpan | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  const d = new Date(ms);
  const v = ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return { start: v, end: v, yearAssumed: false };
}

/** True when a number format shows its number as a date (the parsers then read the number as a serial date). */
export function looksLikeDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  const f = numberFormat.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[yd]/i.test(f) || /年|月|日/.test(numberFormat);
}

/** What any date readDate reads contains (see parseDateText). */
const MAYBE_DATE = /[年月]|\d{4}[-./]\d/;

/**
 * Reads a deadline or completion date, including ranges (`2024年1月—12月10日`: the range's end) and
 * deadline suffixes (`前`, `之前`, `以前`). Returns null when the text holds no date.
 */
export function parseDateText(text: string, defaultYear?: number): { date: DateSpan; deadline: boolean } | null {
  let t = normalizeText(text).replace(/\s+/g, "");
  // Every date readDate reads has 年 or 月, or starts with a year and a separator (2024-12-10): without
  // either, no part of the text can be one (most targets and actuals are figures or words).
  if (!MAYBE_DATE.test(t)) return null;
  let deadline = false;
  const suffix = /(之前|以前|前|为止|截止|截至|内完成|完成)$/.exec(t);
  if (suffix) {
    deadline = suffix[1] !== "完成";
    t = t.slice(0, -suffix[1].length);
  }
  t = t.replace(/^(截至|截止到|截止|于|在)/, "");
  const parts = t.split(/[—–~～至到]|--|-(?=\d{1,2}月)/).filter((p) => p !== "");
  if (parts.length === 0) return null;
  const lastPart = parts[parts.length - 1];
  let date = readDate(lastPart, defaultYear);
  if (!date && parts.length > 1) {
    const firstYear = /^(\d{4})年/.exec(parts[0]);
    if (firstYear) date = readDate(lastPart, +firstYear[1]);
  }
  if (!date) return null;
  if (parts.length > 1) {
    const first = readDate(parts[0], defaultYear);
    if (!first) return null;
  }
  return { date, deadline: deadline || parts.length > 1 };
}

const UNIT_RE = /^[A-Za-z%‰\u4e00-\u9fff·/／.\-()（）²³]{0,12}$/;

/**
 * Reads a target (A) or an actual (B): operator, then a quantity with unit, a date, or qualitative
 * words. `defaultYear` completes dates written without a year (the table's year).
 * Output: a Measure; `unreadable` only for text that holds nothing readable (e.g. an Excel error).
 * Never throws.
 */
export function parseMeasure(cell: CellInput, defaultYear?: number): Measure {
  try {
    const raw = cellText(cell);
    if (typeof cell.value === "number" && looksLikeDateFormat(cell.numberFormat)) {
      const span = serialToSpan(cell.value);
      if (span) return { kind: "date", op: "=", date: span, deadline: false, text: raw };
    }
    // From here the result depends on the text and the year alone.
    if (!parsedMeasures) return measureOfText(raw, defaultYear);
    const key = `${defaultYear ?? ""}|${raw}`;
    let m = parsedMeasures.get(key);
    if (m === undefined) {
      m = measureOfText(raw, defaultYear);
      parsedMeasures.set(key, m);
    }
    return m;
  } catch {
    return { kind: "unreadable", text: String(cell?.text ?? ""), reason: "not-a-figure" };
  }
}

/** parseMeasure of a cell that shows `raw` (not a date serial). Throws only what the readers throw. */
function measureOfText(raw: string, defaultYear: number | undefined): Measure {
  const text = normalizeText(raw);
  if (text === "" || isPlaceholder(text)) return { kind: "empty" };
  if (isExcelError(text)) return { kind: "unreadable", text: raw, reason: "excel-error" };
  const { op, written, rest } = splitOperator(text);
  if (rest === "") return { kind: "unreadable", text: raw, reason: "operator-only" };
  const date = parseDateText(rest, defaultYear);
  if (date) {
    return { kind: "date", op, date: date.date, deadline: date.deadline || op === "<=" || op === "<", text: raw };
  }
  const q = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(.*)$/.exec(rest.replace(/\s+/g, ""));
  if (q) {
    const n = readNumber(q[1]);
    const unit = normalizeUnit(q[2]);
    if (n && UNIT_RE.test(q[2]) && !/\d/.test(q[2])) {
      return { kind: "quantity", op, opWritten: written, value: n.value, unit, text: raw };
    }
  }
  if (/^\d/.test(rest) && !/[\u4e00-\u9fff]{3,}/.test(rest)) {
    return { kind: "unreadable", text: raw, reason: "not-a-figure" };
  }
  return { kind: "qualitative", op, text: rest };
}

/** Normalises a unit: trims brackets and spaces; 万 and 万元 count as the same. */
export function normalizeUnit(unit: string): string {
  let u = UNITS.get(unit);
  if (u === undefined) {
    u = unit.replace(/[()（）\s]/g, "").replace(/／/g, "/");
    if (u === "万") u = "万元";
    // The units of a workbook are few: remembered (bounded, so that odd texts cannot grow it).
    if (UNITS.size < 4096) UNITS.set(unit, u);
  }
  return u;
}

/** normalizeUnit by unit text. */
const UNITS = new Map<string, string>();

/**
 * Brings an actual into the target's unit. Returns the factor to multiply the actual by, or null when
 * the units differ. A missing unit on either side is taken as the other side's unit; 万人 vs 人
 * converts by 10,000 (rules-reference §2).
 */
export function unitFactor(targetUnit: string, actualUnit: string): Decimal | null {
  const a = normalizeUnit(targetUnit);
  const b = normalizeUnit(actualUnit);
  if (a === b || a === "" || b === "") return ONE;
  const wan = (x: string, y: string) => x === "万" + y || (x === "万元" && y === "元");
  // "1000/天" against "元/天": the numerator unit was left out.
  if ((a.startsWith("/") && b.endsWith(a)) || (b.startsWith("/") && a.endsWith(b))) return ONE;
  if (wan(a, b)) return ONE_IN_10000;
  if (wan(b, a)) return TEN_THOUSAND;
  return null;
}

const ONE_IN_10000 = new Decimal(1).div(10000);
const TEN_THOUSAND = new Decimal(10000);

/** Achievement of a qualitative actual (rules-reference §2). */
export type Achievement = "achieved" | "partial" | "not-achieved" | "unknown";

/**
 * Classifies a qualitative actual against its target: an actual that repeats the target or says
 * 达到/达成/完成/实现 (or 100%) counts as achieved; 部分/基本 as partial; 未/没有/不 as not achieved;
 * anything else is unknown.
 */
export function classifyAchievement(actualText: string, targetText = ""): Achievement {
  const a = normalizeText(actualText)
    .replace(/^(=|>=|<=)/, "")
    .trim();
  const t = normalizeText(targetText)
    .replace(/^(=|>=|<=)/, "")
    .trim();
  if (a === "") return "unknown";
  if (/部分|基本/.test(a)) return "partial";
  if (/未|没有|无法|不(?!断|低于|少于)/.test(a)) return "not-achieved";
  if (t !== "" && (a === t || a.includes(t))) return "achieved";
  if (/达到|达成|完成|实现/.test(a)) return "achieved";
  if (/^100(\.0+)?%$/.test(a)) return "achieved";
  return "unknown";
}
