/**
 * What kind of finding each is, for the auditor (issue "Findings an auditor can trust"):
 *
 * - `arithmetic` 计算错误: a figure disagrees with its own parts (sums, rates, 总分 against its parts, a
 *   score no scoring rule reproduces);
 * - `rule` 口径差异: a stated score that follows another scoring rule than the one chosen (the table's own
 *   rule reproduces it), and rules mixed within a workbook;
 * - `missing` 缺失: a required figure or note is absent (偏差原因, a breakdown);
 * - `reading` 无法复核: a figure that could not be read or recomputed, a table or column not understood.
 *
 * The default category of each rule is data here; a finding may say otherwise where its own case differs
 * (a "cannot recompute" note of a score check is `reading`).
 */
import type { RuleId } from "./types";

export type FindingCategory = "arithmetic" | "rule" | "missing" | "reading";

export const CATEGORY_NAMES: Readonly<Record<FindingCategory, { zh: string; en: string }>> = {
  arithmetic: { zh: "计算错误", en: "Arithmetic" },
  rule: { zh: "口径差异", en: "Scoring rule" },
  missing: { zh: "缺失", en: "Missing" },
  reading: { zh: "无法复核", en: "Not checkable" },
};

export const RULE_CATEGORY: Readonly<Record<RuleId, FindingCategory>> = {
  "fund.execution-rate": "arithmetic",
  "fund.score": "arithmetic",
  "fund.sum": "arithmetic",
  "indicator.completion-rate": "arithmetic",
  "indicator.score": "arithmetic",
  "indicator.over-weight": "arithmetic",
  "indicator.deviation-note": "missing",
  "indicator.units": "reading",
  "indicator.converted-score": "arithmetic",
  "indicator.actual-suspect": "reading",
  "indicator.reverse-as-positive": "rule",
  "indicator.score-missing": "missing",
  "table.name-missing": "missing",
  "table.text-tie": "arithmetic",
  "table.cost-sum": "arithmetic",
  "table.total-score": "arithmetic",
  "table.weight-sum": "arithmetic",
  "table.execution-vs-output": "arithmetic",
  "table.group-weight": "arithmetic",
  "table.not-checked": "reading",
  "table.unmapped-column": "reading",
  "indicator.over-achievement": "missing",
  "profile.mixed": "rule",
  "profile.departs": "rule",
  "cell.unreadable": "reading",
  "accounts.row-sum": "arithmetic",
  "accounts.column-sum": "arithmetic",
  "accounts.balance": "arithmetic",
  "accounts.hierarchy": "arithmetic",
  "accounts.three-public": "arithmetic",
  "accounts.change": "arithmetic",
  "accounts.carry-over": "arithmetic",
  "accounts.negative": "arithmetic",
  "accounts.cross-table": "arithmetic",
  "accounts.unit": "reading",
  "narrative.share": "arithmetic",
  "narrative.change": "arithmetic",
  "narrative.sum": "arithmetic",
  "narrative.budget-variance": "arithmetic",
  "narrative.table-tie": "arithmetic",
};
