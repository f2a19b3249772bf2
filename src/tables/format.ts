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
  const fmt = (numberFormat || "General").split(";")[0];
  try {
    if (/general/i.test(fmt) || fmt === "@") return general(value);
    if (isDateFormat(fmt)) {
      const d = serialToDate(value);
      const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      return /年/.test(numberFormat) ? `${y}年${m}月${/日/.test(numberFormat) ? `${day}日` : ""}` : `${y}/${m}/${day}`;
    }
    const bare = fmt
      .replace(/"[^"]*"/g, "")
      .replace(/\[[^\]]*\]/g, "")
      .replace(/[_\\*]./g, "");
    const m = /([#0,]*0)(?:\.(0+|#+))?/.exec(bare);
    if (!m) return general(value);
    const decimals = m[2] ? m[2].length : 0;
    const percent = bare.includes("%");
    let d = new Decimal(value);
    if (percent) d = d.mul(100);
    let s = d.toFixed(decimals, Decimal.ROUND_HALF_UP);
    if (m[1].includes(",")) {
      const neg = s.startsWith("-");
      const [i, f] = s.replace("-", "").split(".");
      s = (neg ? "-" : "") + groupThousands(i) + (f ? "." + f : "");
    }
    return percent ? s + "%" : s;
  } catch {
    return general(value);
  }
}
