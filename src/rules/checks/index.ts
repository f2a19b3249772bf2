/**
 * The check registry: every check with its stable id, in the order findings are listed.
 */
import type { TableFit } from "../inference";
import type { ScoringProfile } from "../profiles";
import type { Finding, RuleId, SelfEvaluationTable } from "../types";
import type { Check, CheckContext } from "./common";
import { CONSISTENCY_CHECKS } from "./consistency";
import { FUND_CHECKS } from "./fund";
import { INDICATOR_CHECKS } from "./indicator";
import { TABLE_CHECKS } from "./table";

export type { Check, CheckContext } from "./common";

/** All checks, by family: fund block, indicators, whole table, cross-checks. */
export const CHECKS: readonly Check[] = [...FUND_CHECKS, ...INDICATOR_CHECKS, ...TABLE_CHECKS, ...CONSISTENCY_CHECKS];

/** Names of every rule id, including `cell.unreadable`, for reports and the task pane. */
export const RULE_TITLES: Readonly<Record<RuleId, { zh: string; en: string }>> = {
  ...(Object.fromEntries(CHECKS.map((c) => [c.id, c.title])) as Record<RuleId, { zh: string; en: string }>),
  "cell.unreadable": { zh: "无法读取的单元格", en: "Unreadable cell" },
  "profile.mixed": { zh: "各表评分口径不一致", en: "Tables follow different scoring rules" },
};

/**
 * Runs every check on one recognised table.
 * Inputs: the table, the scoring profile it is judged under, the table's index in the result, and
 * optionally whether the profile was inferred (`auto`) and the table's fit (adds the inference's verdict
 * to score findings).
 * Output: the findings (in check order) and the number of comparisons made. Never throws for bad cell
 * content: unreadable cells become `cell.unreadable` findings.
 */
export function runChecks(
  table: SelfEvaluationTable,
  profile: ScoringProfile,
  tableIndex: number,
  opts: { auto?: boolean; fit?: TableFit } = {},
): { findings: Finding[]; checks: number } {
  const ctx: CheckContext = { profile, tableIndex, findings: [], checks: 0, auto: !!opts.auto, fit: opts.fit };
  for (const check of CHECKS) check.evaluate(table, ctx);
  // One cell can be unreadable for several checks; report it once.
  const seen = new Set<string>();
  const findings = ctx.findings.filter((f) => {
    if (f.rule !== "cell.unreadable") return true;
    const key = `${f.row}:${f.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { findings, checks: ctx.checks };
}
