/**
 * The check registry: every check with its stable id, in the order findings are listed.
 */
import type { TableFit } from "../inference";
import type { ScoringProfile } from "../profiles";
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

/** Names of every rule id, including `cell.unreadable`, for reports and the task pane. */
export const RULE_TITLES: Readonly<Record<RuleId, { zh: string; en: string }>> = {
  ...(Object.fromEntries(CHECKS.map((c) => [c.id, c.title])) as Record<RuleId, { zh: string; en: string }>),
  "cell.unreadable": { zh: "无法读取的单元格", en: "Unreadable cell" },
  "profile.mixed": { zh: "各表评分口径不一致", en: "Tables follow different scoring rules" },
  "profile.departs": { zh: "口径差异（本表评分口径与所选不同）", en: "The table follows another scoring rule" },
  "table.not-checked": { zh: "表格未能复核", en: "Table not checked" },
  "table.unmapped-column": { zh: "未能识别的数据列", en: "Column not understood" },
  "accounts.row-sum": { zh: "行合计（合计 = 各栏之和）", en: "Row total (total = Σ columns)" },
  "accounts.column-sum": { zh: "列合计（合计、总计 = 各行之和）", en: "Column total (合计/总计 = Σ lines)" },
  "accounts.balance": { zh: "收入总计 = 支出总计", en: "Total income = total spending" },
  "accounts.hierarchy": { zh: "科目层级（类 = Σ款，款 = Σ项）", en: "Subject hierarchy (类 = Σ 款 = Σ 项)" },
  "accounts.three-public": { zh: "“三公”经费构成", en: "三公 expenses composition" },
  "accounts.change": { zh: "增减额与增减率", en: "Change on the year before" },
  "accounts.carry-over": {
    zh: "结转结余（年末 = 年初 + 收入 − 支出）",
    en: "Carry-over (closing = opening + income − spending)",
  },
  "accounts.negative": { zh: "金额为负", en: "Negative amount" },
  "accounts.cross-table": { zh: "表间勾稽", en: "Cross-table tie" },
  "accounts.unit": { zh: "未注明金额单位", en: "No amount unit stated" },
  "narrative.share": { zh: "说明：占比", en: "Text: share" },
  "narrative.change": { zh: "说明：增减变动", en: "Text: change on last year" },
  "narrative.sum": { zh: "说明：总数与其中各项", en: "Text: total and its parts" },
  "narrative.budget-variance": { zh: "说明：预决算差异率", en: "Text: budget variance" },
  "narrative.table-tie": { zh: "说明与报表一致", en: "Text against the tables" },
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
