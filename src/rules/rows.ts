/**
 * Parsed rows of a recognised table, shared by the checks and the profile inference, so that each
 * target, actual and stated score is parsed once per table.
 */
import {
  cellText,
  isPlaceholder,
  normalizeText,
  parseAmount,
  parseMeasure,
  parsePercent,
  parseScore,
  type CellInput,
  type StatedNumber,
  type StatedPercent,
} from "./parse";
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
    rows = t.indicators.map((row) => {
      const { target, actual } = measureInputs(row);
      return {
        row,
        e: evaluateIndicator(parseMeasure(target, t.year), parseMeasure(actual, t.year)),
        weight: quietScore(row.weight),
      };
    });
    parsedRows.set(t, rows);
  }
  return rows;
}

/** 指标性质 words of a qualitative row: no operator to add. */
const QUALITATIVE_OPERATOR = /^(定性|定性指标|定量|定量指标)$/;
/** What 指标性质 can hold besides an operator (正向/反向 indicators). */
const DIRECTION_WORDS: Readonly<Record<string, string>> = { 正向: "≥", 反向: "≤", 正向指标: "≥", 反向指标: "≤" };

/**
 * The target and actual as the parsers read them. With a split target (指标性质 | 指标值 | 度量单位) the
 * three cells are read as one: `≥` + `95` + `%` → `≥95%`; the unit is added to a bare-number actual too
 * (`95` under 度量单位 `%` → `95%`). Without split cells, the cells as they are.
 */
export function measureInputs(row: IndicatorRow): { target: CellInput; actual: CellInput } {
  const target: CellInput = row.target ?? {};
  const actual: CellInput = row.actual ?? {};
  if (!row.operator && !row.unit) return { target, actual };
  const op = normalizeText(cellText(row.operator ?? {})).replace(/\s+/g, "");
  const unit = normalizeText(cellText(row.unit ?? {})).replace(/\s+/g, "");
  const value = normalizeText(cellText(target));
  if (value === "" || isPlaceholder(value)) return { target, actual };
  const bare = (t: string) => /^[+-]?[\d,]*\.?\d+$/.test(t);
  const opText = QUALITATIVE_OPERATOR.test(op) || isPlaceholder(op) ? "" : (DIRECTION_WORDS[op] ?? op);
  const unitText = isPlaceholder(unit) ? "" : unit;
  const composed = `${/^[<>=≥≤]/.test(value) ? "" : opText}${value}${bare(value) ? unitText : ""}`;
  const actualText = normalizeText(cellText(actual));
  const actualComposed = bare(actualText) && unitText ? `${actualText}${unitText}` : undefined;
  return {
    target: { text: composed, value: composed, numberFormat: "General" },
    actual: actualComposed ? { text: actualComposed, value: actualComposed, numberFormat: "General" } : actual,
  };
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
