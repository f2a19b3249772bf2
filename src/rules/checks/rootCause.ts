/**
 * One root cause, one finding (issue "Findings an auditor can trust"): a project whose money was not
 * spent (全年执行数 0, or 执行率 under 60%) and whose every indicator is scored 0 while its actuals repeat
 * the targets. The actuals are the plan, not results: one table-level finding lists the rows, instead of
 * one error per score and one warning per empty deviation note (seed 003 “一中心两平台”和电子督学项目:
 * 14 errors and 14 warnings before).
 *
 * The grouped findings stay in the report as `info` of category `reading`, so the rows are still listed.
 */
import { say } from "../messages";
import { percentText } from "../compare";
import { toA1 } from "../address";
import { ZERO } from "../decimal";
import { quietAmount, quietScore } from "../rows";
import { executionRate } from "../scoring";
import type { Finding, SelfEvaluationTable } from "../types";
import { LOW_EXECUTION } from "./consistency";
import { shown } from "./common";

/** The note of the grouped finding, by id. */
export const MESSAGES = {
  unspentPlanned: {
    zh: "复核：全年执行数为 0，全部 {scored} 项指标得分均为 0，而业绩值与目标值相同（{indicators}）：业绩值疑为计划值，项目似未实施。上述各项得分与偏差说明的差异均由此而来，已列为提示；请核实项目实施情况。",
    en: "Check: nothing was spent, every one of the {scored} indicators is scored 0, yet the actuals repeat the targets ({indicators}): they look like the plan and the project not carried out. The score and note findings of those rows follow from this and are listed as info; verify whether the project was carried out.",
  },
  lowExecutionPlanned: {
    zh: "复核：执行率 {rate}，全部 {scored} 项指标得分均为 0，而业绩值与目标值相同（{indicators}）：业绩值疑为计划值，项目似未实施。上述各项得分与偏差说明的差异均由此而来，已列为提示；请核实项目实施情况。",
    en: "Check: the execution rate is {rate}, every one of the {scored} indicators is scored 0, yet the actuals repeat the targets ({indicators}): they look like the plan and the project not carried out. The score and note findings of those rows follow from this and are listed as info; verify whether the project was carried out.",
  },
} as const;

/**
 * Groups the score errors (and empty-note warnings) of an unexecuted project into one finding.
 * Inputs: the table, its index, the profile id, its findings. Output: the findings, grouped when the
 * table is such a project (unchanged otherwise).
 */
export function groupUnexecuted(
  t: SelfEvaluationTable,
  tableIndex: number,
  profile: string,
  findings: Finding[],
): Finding[] {
  const total = t.fund?.total;
  const executed = quietAmount(total?.executed);
  const budget = quietAmount(total?.budgetFull);
  if (!total?.executed || !executed) return findings;
  const rate = budget ? executionRate(budget.value, executed.value) : null;
  const unspent = executed.value.eq(ZERO) || (!!rate && rate.lt(LOW_EXECUTION));
  if (!unspent) return findings;
  const scored = t.indicators.filter((r) => quietScore(r.score) !== null);
  if (scored.length < 2 || !scored.every((r) => quietScore(r.score)!.value.eq(ZERO))) return findings;
  const zeroed = findings.filter(
    (f) =>
      f.rule === "indicator.score" &&
      f.severity === "error" &&
      scored.some((r) => r.score!.row === f.row && r.score!.col === f.col),
  );
  if (zeroed.length < 2) return findings;
  const rows = new Set(zeroed.map((f) => f.row));
  for (const f of findings) {
    const grouped =
      (f.rule === "indicator.score" && zeroed.includes(f)) ||
      (f.rule === "indicator.deviation-note" && rows.has(f.row));
    if (!grouped) continue;
    f.severity = "info";
    f.category = "reading";
  }
  // The plain "money not spent, outputs met" warning is replaced by the one below, which says more.
  findings = findings.filter((f) => !(f.rule === "table.execution-vs-output" && f.row === total.executed!.row));
  const names = t.indicators.filter((r) => rows.has(r.row)).map((r) => `「${r.name}」`);
  const list = names.slice(0, 8).join("、") + (names.length > 8 ? ` 等 ${names.length} 项` : "");
  const cell = total.executed;
  return [
    ...findings,
    {
      rule: "table.execution-vs-output",
      severity: "warning",
      category: "reading",
      row: cell.row,
      col: cell.col,
      cell: toA1(cell.row, cell.col),
      stated: shown(cell),
      expected: "",
      formula: budget ? `${shown(cell)} / ${shown(total.budgetFull)}` : shown(cell),
      ...say(MESSAGES, executed.value.eq(ZERO) ? "unspentPlanned" : "lowExecutionPlanned", {
        rate: rate ? percentText(rate, 2) : "",
        scored: scored.length,
        indicators: list,
      }),
      profile,
      table: tableIndex,
    },
  ];
}
