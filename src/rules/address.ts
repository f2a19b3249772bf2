/** A1 addresses for 0-based sheet coordinates. Pure helpers shared by rules, tables and the adapters. */

/** 0 → "A", 25 → "Z", 26 → "AA". Throws RangeError for a negative index. */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`column index must be a non-negative integer: ${col}`);
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** (row 0, col 0) → "A1". Plain address: no sheet name, no `$`. */
export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "A1:N40" for an inclusive 0-based rectangle. */
export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${toA1(top, left)}:${toA1(bottom, right)}`;
}

/**
 * Parses "H12", "$H$12", "Sheet1!H12" or the first cell of "A1:B2" to 0-based {row, col}.
 * Returns null for text that is not an A1 address.
 */
export function parseA1(address: string): { row: number; col: number } | null {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(bare.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = parseInt(m[2], 10);
  if (row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

/** Parses "A1:C3" (or a single cell) to an inclusive 0-based rectangle; null when unreadable. */
export function parseRangeA1(address: string): { top: number; left: number; bottom: number; right: number } | null {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}
