/** What every check family shares: its descriptor, its context and how a finding is written. */
import { toA1 } from "../address";
import { cellText, parseAmount, parsePercent, parseScore, type StatedNumber, type StatedPercent } from "../parse";
import { rowFitAt, type TableFit } from "../inference";
import { profileLabel, type ScoringProfile } from "../profiles";
import { RULE_CATEGORY, type FindingCategory } from "../categories";
import type { Finding, RuleId, SelfEvaluationTable, Severity, StatedCell } from "../types";
import { joinSaid, say, type Said } from "../messages";

/** The notes every check family shares; a check's own notes are in its module. */
export const COMMON_MESSAGES = {
  disagree: {
    zh: "复核：{what}应为 {expected}（= {formula}），表列 {stated}。规则：{rule}",
    en: "Check: {whatEn} should be {expected} (= {formula}); stated {stated}. Rule: {ruleEn}",
  },
  disagreeBy: {
    zh: "复核：{what}应为 {expected}（= {formula}），表列 {stated}，差 {difference}。规则：{rule}",
    en: "Check: {whatEn} should be {expected} (= {formula}); stated {stated}, difference {difference}. Rule: {ruleEn}",
  },
  unreadable: {
    zh: "复核：无法读取{what}「{stated}」，该项未复核。",
    en: 'Check: cannot read the {whatEn} "{stated}"; not checked.',
  },
  fromStatedRate: {
    zh: "表列得分按表列{rateName} {rate} 计算（= {rateFormula}），与口径一致。",
    en: "The stated score follows the stated rate {rate} (= {rateFormula}).",
  },
  fromWrongStatedRate: {
    zh: "表列得分按表列{rateName} {rate} 计算（= {rateFormula}），但该{rateName}本身有误。",
    en: "The stated score follows the stated rate {rate} (= {rateFormula}), and that rate is itself wrong.",
  },
  fitNone: {
    zh: "任何评分口径（预设及各规则的组合）都不能得出表列得分。",
    en: "No scoring rule (preset or combination of choices) gives the stated score.",
  },
  fitInferred: {
    zh: "按本表识别的口径「{inferred}」可得出表列得分。",
    en: 'The table\'s inferred rule "{inferredEn}" gives the stated score.',
  },
  fitException: {
    zh: "本表其余得分遵循「{inferred}」（{explainedRows}/{scoredRows} 项吻合），此项例外。",
    en: 'The table\'s other scores follow "{inferredEn}" ({explainedRows} of {scoredRows} fit); this one does not.',
  },
} as const;

/**
 * A check: its stable id (its names, category, what it checks and its source are in the registry,
 * src/rules/registry.ts) and a pure evaluate(table, profile) → findings.
 */
export interface Check {
  id: RuleId;
  /** Appends its findings to `ctx.findings` and counts its comparisons in `ctx.checks`. */
  evaluate(table: SelfEvaluationTable, ctx: CheckContext): void;
}

export interface CheckContext {
  /** The profile this table is judged under: the selected one, or under `auto` the table's inferred one. */
  profile: ScoringProfile;
  /** True when the auditor chose `auto` (judge each table under its inferred profile). */
  auto: boolean;
  /** The table's inferred profile and how each stated score fits (absent when not inferred). */
  fit?: TableFit;
  tableIndex: number;
  findings: Finding[];
  /** Comparisons made (a recomputed figure set against a stated one), for the "checks run" count. */
  checks: number;
  /** The cells that entered a comparison (row × 16384 + col), for the table's coverage. */
  covered: Set<number>;
}

/** The key of a cell in `covered`. */
export const coverKey = (row: number, col: number): number => row * 16384 + col;

/**
 * Counts one comparison and the cells that entered it (the stated figure and the figures it is
 * recomputed from). Figures the table states only inside a label are counted too, at the label's cell.
 */
export function counted(ctx: CheckContext, ...cells: Array<StatedCell | undefined>): void {
  ctx.checks++;
  cover(ctx, ...cells);
}

/** Marks cells as covered (they entered a recomputation) without counting a comparison. */
export function cover(ctx: CheckContext, ...cells: Array<StatedCell | undefined>): void {
  for (const c of cells) if (c) ctx.covered.add(coverKey(c.row, c.col));
}

/** Text of a stated cell as shown, trimmed. */
export function shown(cell: StatedCell | undefined): string {
  return cell ? cellText(cell).trim() : "";
}

export interface FindingText extends Said {
  expected: string;
  formula: string;
  /** No scoring profile reproduces the stated score (see Finding.unexplained). */
  unexplained?: boolean;
  /** When the finding's category is not its rule's default (see src/rules/categories.ts). */
  category?: FindingCategory;
}

/** Appends a finding about `cell` judged under the context's profile. */
export function report(ctx: CheckContext, rule: RuleId, severity: Severity, cell: StatedCell, t: FindingText): void {
  ctx.findings.push({
    rule,
    severity,
    category: t.category ?? RULE_CATEGORY[rule],
    row: cell.row,
    col: cell.col,
    cell: toA1(cell.row, cell.col),
    stated: shown(cell),
    expected: t.expected,
    formula: t.formula,
    message: t.message,
    messageEn: t.messageEn,
    messageId: t.messageId,
    fields: t.fields,
    profile: ctx.profile.id,
    table: ctx.tableIndex,
    ...(t.unexplained ? { unexplained: true } : {}),
  });
}

/** The standard disagreement note: `复核：X应为 E（= F），表列 S，差 D。规则：P` (and its English twin). */
export function disagreement(
  ctx: CheckContext,
  what: { zh: string; en: string },
  stated: string,
  expected: string,
  formula: string,
  diff: string | null,
): FindingText {
  const label = profileLabel(ctx.profile);
  const p = ctx.auto ? { zh: `本表识别口径 ${label.zh}`, en: `this table's inferred rule, ${label.en}` } : label;
  const fields = { what: what.zh, whatEn: what.en, expected, formula, stated, rule: p.zh, ruleEn: p.en };
  return {
    expected,
    formula,
    ...(diff === null
      ? say(COMMON_MESSAGES, "disagree", fields)
      : say(COMMON_MESSAGES, "disagreeBy", { ...fields, difference: diff })),
  };
}

/** The same note marked as a rounding difference (info): `复核（舍入差异）：…` / `Check (rounding): …`. */
export function asRounding(t: FindingText, zh = "舍入差异", en = "rounding"): FindingText {
  return {
    ...t,
    message: t.message.replace("复核：", `复核（${zh}）：`),
    messageEn: t.messageEn.replace("Check:", `Check (${en}):`),
  };
}

/** Reads a number-like stated cell; reports `cell.unreadable` (warning) when it holds something else. */
export function readStated<T extends StatedNumber | StatedPercent>(
  ctx: CheckContext,
  cell: StatedCell | undefined,
  reader: "amount" | "score" | "percent",
  what: { zh: string; en: string },
): T | null {
  if (!cell) return null;
  const r = reader === "amount" ? parseAmount(cell) : reader === "score" ? parseScore(cell) : parsePercent(cell);
  if (r.kind === "empty") return null;
  if (r.kind === "unreadable") {
    report(ctx, "cell.unreadable", "warning", cell, {
      expected: "",
      formula: "",
      ...say(COMMON_MESSAGES, "unreadable", { what: what.zh, whatEn: what.en, stated: shown(cell) }),
    });
    return null;
  }
  return r as T;
}

/**
 * The note with one more sentence in each language, filled from a template: the finding keeps its own
 * messageId; the sentence's fields join its fields.
 */
export function appendNote(t: FindingText, more: Said): FindingText {
  return { ...t, ...joinSaid(t, more), messageId: t.messageId };
}

/**
 * The finding for a stated score that the profile gives for the row's *stated* rate (完成率 or 执行率)
 * rather than the computed one: info when the stated rate is the computed one as displayed, error when
 * the stated rate is itself wrong. Inputs: the disagreement note, whether the stated rate agrees (within
 * its rounding), the rate's Chinese name (完成率 or 执行率), its text and the formula that gives the stated score.
 */
export function scoredFromStatedRate(
  t: FindingText,
  rateOk: boolean,
  rateName: string,
  rateText: string,
  formula: string,
): { severity: Severity; text: FindingText } {
  const fields = { rateName, rate: rateText, rateFormula: formula };
  if (rateOk) {
    return {
      severity: "info",
      text: appendNote(
        asRounding(t, `按表列${rateName}计分`, "scored from the stated rate"),
        say(COMMON_MESSAGES, "fromStatedRate", fields),
      ),
    };
  }
  return { severity: "error", text: appendNote(t, say(COMMON_MESSAGES, "fromWrongStatedRate", fields)) };
}

/**
 * What the profile inference says about a stated score that disagrees under the context's profile,
 * appended to the finding's note:
 * - no profile reproduces it (the strongest finding: `unexplained` is set);
 * - the table's inferred profile reproduces it (when the table is judged under another profile);
 * - the table's other scores follow the inferred profile and this one does not.
 * Input: the context and the stated score cell. Output: the note as it should read.
 */
export function withFit(ctx: CheckContext, cell: StatedCell, t: FindingText): FindingText {
  const fit = ctx.fit;
  const row = rowFitAt(fit, cell);
  if (!fit || !row) return t;
  const name = { inferred: fit.profile.name.zh, inferredEn: fit.profile.name.en };
  let more: Said;
  if (!row.explainedByAny) more = say(COMMON_MESSAGES, "fitNone");
  else if (row.explained && fit.profile.id !== ctx.profile.id) more = say(COMMON_MESSAGES, "fitInferred", name);
  else if (!row.explained)
    more = say(COMMON_MESSAGES, "fitException", {
      ...name,
      explainedRows: fit.explainedRows,
      scoredRows: fit.scoredRows,
    });
  else return t;
  return { ...appendNote(t, more), ...(row.explainedByAny ? {} : { unexplained: true }) };
}
