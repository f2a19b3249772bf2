/**
 * Parsed rows of a recognised table, shared by the checks and the profile inference, so that each
 * target, actual and stated score is parsed once per table.
 */
import { parseAmount, parseMeasure, parsePercent, parseScore, type StatedNumber, type StatedPercent } from "./parse";
import { evaluateIndicator, type Evaluation } from "./scoring";
import type { IndicatorRow, SelfEvaluationTable, StatedCell } from "./types";

export interface RowContext {
  row: IndicatorRow;
  /** The row judged from its target (A) and actual (B). */
  e: Evaluation;
  /** 权重 as a number; null when empty or unreadable. */
  weight: StatedNumber | null;
}

const parsedRows = new WeakMap<SelfEvaluationTable, RowContext[]>();

/** The table's indicator rows with their evaluations, parsed once per table (cached). Never throws. */
export function rowContexts(t: SelfEvaluationTable): RowContext[] {
  let rows = parsedRows.get(t);
  if (!rows) {
    rows = t.indicators.map((row) => ({
      row,
      e: evaluateIndicator(parseMeasure(row.target ?? {}, t.year), parseMeasure(row.actual ?? {}, t.year)),
      weight: quietScore(row.weight),
    }));
    parsedRows.set(t, rows);
  }
  return rows;
}

/** A score-like cell (权重, 得分, 分值) as a number, or null when it is absent, empty or unreadable. */
export function quietScore(cell: StatedCell | undefined): StatedNumber | null {
  if (!cell) return null;
  const r = parseScore(cell);
  return r.kind === "number" ? r : null;
}

/** An amount cell (万元) as a number, or null when it is absent, empty or unreadable. */
export function quietAmount(cell: StatedCell | undefined): StatedNumber | null {
  if (!cell) return null;
  const r = parseAmount(cell);
  return r.kind === "number" ? r : null;
}

/** A percent cell as a ratio, or null when it is absent, empty or unreadable. */
export function quietPercent(cell: StatedCell | undefined): StatedPercent | null {
  if (!cell) return null;
  const r = parsePercent(cell);
  return r.kind === "percent" ? r : null;
}
