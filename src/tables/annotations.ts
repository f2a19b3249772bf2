/**
 * What the add-in writes onto a sheet, decided once for every writer (Excel adapter, CLI copy):
 * which cells are highlighted, in which colour, and the note text of each.
 */
import type { Finding, Severity } from "../rules/types";

/** Fill colours: error #FFC7CE, warning #FFEB9C. Info findings are listed but not highlighted. */
export const FILL_COLORS: Record<Exclude<Severity, "info">, string> = { error: "#FFC7CE", warning: "#FFEB9C" };

/** Every note the add-in writes starts with this word; Clear removes only notes that do. */
export const NOTE_MARKER = "复核";

export interface CellAnnotation {
  /** Plain A1 address. */
  address: string;
  row: number;
  col: number;
  severity: "error" | "warning";
  color: string;
  /** Every finding at that cell, errors first, one per line. */
  note: string;
  findings: Finding[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The note text of one cell: every finding at that cell, errors first. */
export function noteText(findings: Finding[]): string {
  return [...findings]
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
    .map((f) => f.message)
    .join("\n");
}

/**
 * The cells to highlight: errors and warnings grouped by cell (an error beats a warning at the same
 * cell). Output is ordered by row, then column.
 */
export function cellAnnotations(findings: Finding[]): CellAnnotation[] {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === "info") continue;
    const list = byCell.get(f.cell) ?? [];
    list.push(f);
    byCell.set(f.cell, list);
  }
  return [...byCell.entries()]
    .map(([address, list]) => {
      const severity: "error" | "warning" = list.some((f) => f.severity === "error") ? "error" : "warning";
      return {
        address,
        row: list[0].row,
        col: list[0].col,
        severity,
        color: FILL_COLORS[severity],
        note: noteText(list),
        findings: list,
      };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
}
