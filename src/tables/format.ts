/**
 * Renders a cell's value as Excel would show it under its number format, for hosts that give values
 * but not texts (exceljs in the CLI). Covers the formats disclosure tables use: General, 0, 0.00,
 * #,##0.00, 0%, 0.00%, and dates. Exact decimals, never binary rounding.
 */
import { Decimal } from "../rules/decimal";
import type { CellValue } from "../rules/types";

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Excel's General format: up to 11 significant digits, no trailing zeros. */
function general(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const d = new Decimal(v).toSignificantDigits(11);
  return d.toFixed();
}

function isDateFormat(fmt: string): boolean {
  const f = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[ymd]/i.test(f) && !/[0#]/.test(f);
}

function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));
}

/** What a format code asks for, read once per distinct code. */
type FormatSpec =
  | { kind: "general" }
  | { kind: "date"; chinese: boolean; day: boolean }
  | { kind: "number"; decimals: number; percent: boolean; grouped: boolean };

const SPECS = new Map<string, FormatSpec>();

function specOf(numberFormat: string): FormatSpec {
  let spec = SPECS.get(numberFormat);
  if (spec) return spec;
  const fmt = (numberFormat || "General").split(";")[0];
  if (/general/i.test(fmt) || fmt === "@") spec = { kind: "general" };
  else if (isDateFormat(fmt)) spec = { kind: "date", chinese: /年/.test(numberFormat), day: /日/.test(numberFormat) };
  else {
    const bare = fmt
      .replace(/"[^"]*"/g, "")
      .replace(/\[[^\]]*\]/g, "")
      .replace(/[_\\*]./g, "");
    const m = /([#0,]*0)(?:\.(0+|#+))?/.exec(bare);
    spec = m
      ? { kind: "number", decimals: m[2] ? m[2].length : 0, percent: bare.includes("%"), grouped: m[1].includes(",") }
      : { kind: "general" };
  }
  if (SPECS.size < 1000) SPECS.set(numberFormat, spec);
  return spec;
}

/**
 * The displayed text of a value under a number format.
 * Inputs: a raw value (number, string, boolean, null) and an Excel format code.
 * Output: the text Excel would show (e.g. 0.9927 under "0.00%" → "99.27%"). Never throws; an
 * unfamiliar format falls back to General.
 */
export function displayText(value: CellValue, numberFormat: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  try {
    const spec = specOf(numberFormat);
    if (spec.kind === "general") return general(value);
    if (spec.kind === "date") {
      const d = serialToDate(value);
      const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      return spec.chinese ? `${y}年${m}月${spec.day ? `${day}日` : ""}` : `${y}/${m}/${day}`;
    }
    let d = new Decimal(value);
    if (spec.percent) d = d.mul(100);
    let s = d.toFixed(spec.decimals, Decimal.ROUND_HALF_UP);
    if (spec.grouped) {
      const neg = s.startsWith("-");
      const [i, f] = s.replace("-", "").split(".");
      s = (neg ? "-" : "") + groupThousands(i) + (f ? "." + f : "");
    }
    return spec.percent ? s + "%" : s;
  } catch {
    return general(value);
  }
}
