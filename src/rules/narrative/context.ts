/**
 * What every 公开说明 claim module shares: the paragraphs as read, the tables, the claim counts and how a
 * claim that disagrees becomes a finding.
 */
import { toA1 } from "../address";
import type { PlacedAccountsTable } from "../accounts/ties";
import { compareRatio } from "../compare";
import { Decimal, HUNDRED } from "../decimal";
import type { Said } from "../messages";
import type { Finding, RuleId, Severity } from "../types";
import type { Fig, NarrativeParagraph, Para } from "./reader";

export type ClaimKind = "share" | "change" | "sum" | "budget-variance" | "table-tie";
export const CLAIM_KINDS: readonly ClaimKind[] = ["share", "change", "sum", "budget-variance", "table-tie"];

/** Claims found and how many disagree, per kind. */
export type ClaimCounts = Record<ClaimKind, { found: number; disagree: number }>;

export interface NarrativeResult {
  counts: ClaimCounts;
  /** Findings with the index of the paragraph they sit on. */
  findings: Array<{ paragraph: number; finding: Finding }>;
  checks: number;
}

/**
 * Where a finding is listed: by paragraph, then by pass over it (0: a figure's own claim — change, share,
 * budget variance — at the figure; 1: sums at their 其中; 2: table ties at the figure), then by position.
 * Identities across paragraphs come after all paragraphs.
 */
export interface ClaimOrder {
  paragraph: number;
  pass: number;
  at: number;
}

/** A claim that disagrees: what it quotes, what the recomputation gives, and its note. */
export interface ClaimReport {
  quote: string;
  expected: string;
  formula: string;
  said: Said;
  related?: string[];
}

export interface NarrativeContext {
  paragraphs: NarrativeParagraph[];
  paras: Para[];
  /** The workbook's 部门决算 tables (empty: no table ties). */
  tables: PlacedAccountsTable[];
  profile: string;
  tableIndex: number;
  counts: ClaimCounts;
  /** Counts one claim of a kind (and one comparison). */
  found(kind: ClaimKind): void;
  /**
   * Reports a claim on paragraph `p`: `info` notes read 复核（舍入差异）：… / Check (rounding): …, and every
   * other severity counts as a disagreement of its kind.
   */
  report(p: Para, kind: ClaimKind, severity: Severity, order: ClaimOrder, r: ClaimReport): void;
}

/** A claim module: the kind of claim it reads, its notes, and a pass over the text. */
export interface ClaimCheck {
  kind: ClaimKind;
  evaluate(ctx: NarrativeContext): void;
}

/**
 * A stated percentage against the recomputed ratio (compareRatio, rules-reference §6).
 * Output: `agree`, or the verdict (`rounding` is one unit of the last digit off) and the expected text.
 */
export function compareStatedRate(
  stated: Fig,
  r: Decimal,
  formula: string,
): { verdict: "agree" | "rounding" | "disagree"; expected: string } {
  const c = compareRatio({ kind: "percent", ratio: stated.value.div(HUNDRED), decimals: stated.decimals }, [
    { ratio: r, formula, reading: "primary" },
  ]);
  return {
    verdict: c.verdict === "agree" ? "agree" : c.verdict === "rounding" ? "rounding" : "disagree",
    expected: c.expected,
  };
}

/** A new context and the function that returns its findings in reading order. */
export function newNarrativeContext(
  paragraphs: NarrativeParagraph[],
  paras: Para[],
  tables: PlacedAccountsTable[],
  profile: string,
  tableIndex: number,
): { ctx: NarrativeContext; result: () => NarrativeResult } {
  const counts = Object.fromEntries(CLAIM_KINDS.map((k) => [k, { found: 0, disagree: 0 }])) as ClaimCounts;
  const out: Array<{ order: ClaimOrder; seq: number; paragraph: number; finding: Finding }> = [];
  let checks = 0;
  const ctx: NarrativeContext = {
    paragraphs,
    paras,
    tables,
    profile,
    tableIndex,
    counts,
    found(kind) {
      counts[kind].found++;
      checks++;
    },
    report(p, kind, severity, order, r) {
      if (severity !== "info") counts[kind].disagree++;
      const cell = paragraphs[p.index].cell;
      const rounding = severity === "info";
      out.push({
        order,
        seq: out.length,
        paragraph: p.index,
        finding: {
          rule: `narrative.${kind}` as RuleId,
          severity,
          category: "arithmetic",
          row: cell.row,
          col: cell.col,
          cell: toA1(cell.row, cell.col),
          stated: r.quote,
          expected: r.expected,
          formula: r.formula,
          message: rounding ? r.said.message.replace(/^复核：/, "复核（舍入差异）：") : r.said.message,
          messageEn: rounding ? r.said.messageEn.replace(/^Check:/, "Check (rounding):") : r.said.messageEn,
          messageId: r.said.messageId,
          fields: r.said.fields,
          profile,
          table: tableIndex,
          ...(r.related ? { related: r.related } : {}),
        },
      });
    },
  };
  const result = (): NarrativeResult => {
    const sorted = [...out].sort(
      (a, b) =>
        a.order.paragraph - b.order.paragraph ||
        a.order.pass - b.order.pass ||
        a.order.at - b.order.at ||
        a.seq - b.seq,
    );
    return { counts, checks, findings: sorted.map(({ paragraph, finding }) => ({ paragraph, finding })) };
  };
  return { ctx, result };
}
