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
  type Measure,
  type StatedNumber,
  type StatedPercent,
} from "./parse";
import { evaluateIndicator, isMet, type Evaluation } from "./scoring";
import type { IndicatorRow, SelfEvaluationTable, StatedCell } from "./types";

export interface RowContext {
  row: IndicatorRow;
  /**
   * The row judged from its target (A) and actual (B); `unknown` with reason `actual-suspect` when the
   * actual is not to be trusted (see `suspect`).
   */
  e: Evaluation;
  /** 权重 as a number; null when empty or unreadable. */
  weight: StatedNumber | null;
  /** Why the actual looks like a planned value, not a result (实际完成值疑为计划值), when it does. */
  suspect?: { zh: string; en: string };
}

/**
 * Words of a deviation note that say the work is not done (yet): an actual that repeats the target beside
 * them is the plan, not the result (seed 003: "时间紧、疫情影响。今年完成"; seed 000: "等待审核中").
 */
export const PENDING_WORDS: readonly string[] = [
  "未完成",
  "尚未",
  "正在",
  "今年完成",
  "年内完成",
  "预计",
  "等待",
  "审核中",
  "推进中",
  "进行中",
  "未能",
  "未实施",
  "未开展",
];

/** A date more than this many years from the table's year is implausible (2121 against a 2020 table). */
const PLAUSIBLE_YEARS = 5;

/**
 * Why an actual looks like the plan rather than the result, or null:
 * - it repeats the target while the row's note says the work is pending (未完成, 正在, 今年完成, 等待 …);
 * - it is a date after the evaluation period (a 2020 table whose actual is 2021-12-30);
 * - it is a date far from the table's year (2121).
 */
function suspectActual(
  row: IndicatorRow,
  e: Evaluation,
  target: Measure,
  actual: Measure,
  year: number | undefined,
): { zh: string; en: string } | null {
  if (actual.kind === "date") {
    const y = Math.floor(actual.date.end / 10000);
    if (year && Math.abs(y - year) > PLAUSIBLE_YEARS)
      return {
        zh: `日期 ${cellText(row.actual ?? {}).trim()} 的年份与评价年度 ${year} 相差过大，疑为笔误`,
        en: `the date's year is far from the evaluation year ${year}`,
      };
    if (year && !actual.date.yearAssumed && y > year && e.kind === "date" && e.met !== false)
      return {
        zh: `完成日期 ${cellText(row.actual ?? {}).trim()} 晚于评价年度 ${year} 年末，疑为计划完成时间`,
        en: `the date is after the end of the evaluation year ${year}: probably the planned date`,
      };
  }
  // Only an actual that meets its target can be the plan repeated (the note is read only then).
  if (isMet(e) !== true) return null;
  const note = normalizeText(cellText(row.deviationNote ?? {}));
  const pending = PENDING_WORDS.find((w) => note.includes(w));
  if (pending) {
    const same =
      normalizeText(cellText(row.target ?? {})).replace(/^[<>=≥≤]+/, "") ===
        normalizeText(cellText(row.actual ?? {})).replace(/^[<>=≥≤]+/, "") ||
      (target.kind === "date" && actual.kind === "date" && target.date.end === actual.date.end);
    if (same)
      return {
        zh: `实际完成值与目标值相同，但偏差说明写有「${pending}」`,
        en: `the actual repeats the target while the note says "${pending}"`,
      };
  }
  return null;
}

const parsedRows = new WeakMap<SelfEvaluationTable, RowContext[]>();

/**
 * evaluateIndicator by target and actual reading. Within a validation a text's reading is one object
 * (see parseMeasure), so rows stating the same target and actual share their evaluation (a division and
 * comparisons each); the readings, and with them these entries, go with the validation.
 */
const EVALUATIONS = new WeakMap<Measure, WeakMap<Measure, Evaluation>>();
function evaluationOf(target: Measure, actual: Measure): Evaluation {
  let byActual = EVALUATIONS.get(target);
  if (!byActual) EVALUATIONS.set(target, (byActual = new WeakMap()));
  let e = byActual.get(actual);
  if (!e) byActual.set(actual, (e = evaluateIndicator(target, actual)));
  return e;
}

/** The table's indicator rows with their evaluations, parsed once per table (cached). Never throws. */
export function rowContexts(t: SelfEvaluationTable): RowContext[] {
  let rows = parsedRows.get(t);
  if (!rows) {
    rows = t.indicators.map((row) => {
      const inputs = measureInputs(row);
      const target = parseMeasure(inputs.target, t.year);
      const actual = parseMeasure(inputs.actual, t.year);
      const e = evaluationOf(target, actual);
      const suspect = suspectActual(row, e, target, actual, t.year);
      return {
        row,
        e: suspect ? { kind: "unknown", reason: "actual-suspect" } : e,
        weight: quietScore(row.weight),
        ...(suspect ? { suspect } : {}),
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
