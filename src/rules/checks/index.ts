/**
 * The check registry: every check with its stable id, in the order findings are listed.
 */
import type { TableFit } from "../inference";
import type { ScoringProfile } from "../profiles";
import { RULES, RULE_IDS } from "../registry";
import type { Finding, RuleId, SelfEvaluationTable } from "../types";
import type { Check, CheckContext } from "./common";
import { CONSISTENCY_CHECKS } from "./consistency";
import { groupDepartures } from "./departs";
import { groupUnexecuted } from "./rootCause";
import { FUND_CHECKS } from "./fund";
import { GROUP_CHECKS } from "./groups";
import { INDICATOR_CHECKS } from "./indicator";
import { TABLE_CHECKS } from "./table";
import { TEXT_CHECKS } from "./texts";

export type { Check, CheckContext } from "./common";

/** All checks, by family: fund block, indicators, whole table, cross-checks. */
export const CHECKS: readonly Check[] = [
  ...FUND_CHECKS,
  ...INDICATOR_CHECKS,
  ...TABLE_CHECKS,
  ...GROUP_CHECKS,
  ...CONSISTENCY_CHECKS,
  ...TEXT_CHECKS,
];

/** Names of every rule id, for reports and the task pane (from the registry). */
export const RULE_TITLES: Readonly<Record<RuleId, { zh: string; en: string }>> = Object.fromEntries(
  RULE_IDS.map((id) => [id, RULES[id].title]),
) as Record<RuleId, { zh: string; en: string }>;

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
): { findings: Finding[]; checks: number; covered: Set<number> } {
  const ctx: CheckContext = {
    profile,
    tableIndex,
    findings: [],
    checks: 0,
    covered: new Set(),
    auto: !!opts.auto,
    fit: opts.fit,
  };
  for (const check of CHECKS) check.evaluate(table, ctx);
  // One cell can be unreadable for several checks; report it once.
  const seen = new Set<string>();
  const once = ctx.findings.filter((f) => {
    if (f.rule !== "cell.unreadable") return true;
    const key = `${f.row}:${f.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Scores the table's own rule explains: one 口径差异 for the table, the rows listed as info.
  const grouped = groupUnexecuted(table, tableIndex, profile.id, once);
  const findings = groupDepartures(table, profile, opts.fit, !!opts.auto, tableIndex, grouped);
  return { findings, checks: ctx.checks, covered: ctx.covered };
}
