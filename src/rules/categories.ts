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
import { RULES, RULE_IDS, type RuleId } from "./registry";

export type FindingCategory = "arithmetic" | "rule" | "missing" | "reading";

export const CATEGORY_NAMES: Readonly<Record<FindingCategory, { zh: string; en: string }>> = {
  arithmetic: { zh: "计算错误", en: "Arithmetic" },
  rule: { zh: "口径差异", en: "Scoring rule" },
  missing: { zh: "缺失", en: "Missing" },
  reading: { zh: "无法复核", en: "Not checkable" },
};

/** The category of each rule, from the registry (src/rules/registry.ts). */
export const RULE_CATEGORY: Readonly<Record<RuleId, FindingCategory>> = Object.fromEntries(
  RULE_IDS.map((id) => [id, RULES[id].category]),
) as Record<RuleId, FindingCategory>;
