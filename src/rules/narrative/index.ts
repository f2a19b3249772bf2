/**
 * The 公开说明 text (rules-reference §5): the claims its sentences make, recomputed. One module per kind
 * of claim, all reading the text with one sentence reader (./reader):
 *
 * - `narrative.share`           ./share           `A万元，占P%`
 * - `narrative.change`          ./change          `A万元，比上年增加/减少D万元，增长/下降R%`
 * - `narrative.sum`             ./sum             `A万元，其中：B万元，C万元…` and named identities
 * - `narrative.budget-variance` ./budgetVariance  `预算数X万元，决算数Y万元，预决算差异率R%`
 * - `narrative.table-tie`       ./tableTie        a figure of the text against the table cell it quotes
 *
 * Figures are compared at the precision written, one unit of the last digit off being rounding (info).
 * Pure: text in, claims and findings out; the caller says which cell each paragraph sits in.
 */
import type { PlacedAccountsTable } from "../accounts/ties";
import { budgetVarianceClaim } from "./budgetVariance";
import { changeClaim } from "./change";
import { newNarrativeContext, type ClaimCheck, type NarrativeResult } from "./context";
import { readParagraphs, type NarrativeParagraph } from "./reader";
import { shareClaim } from "./share";
import { sumClaim } from "./sum";
import { tableTieClaim } from "./tableTie";

export { CLAIM_KINDS, type ClaimCounts, type ClaimKind, type NarrativeResult } from "./context";
export { normalizeParagraph, splitParagraphs, type NarrativeParagraph } from "./reader";

/** Every claim module, in the order the pane lists the kinds. */
export const CLAIMS: readonly ClaimCheck[] = [shareClaim, changeClaim, sumClaim, budgetVarianceClaim, tableTieClaim];

/**
 * Parses and checks every claim of the text.
 * Inputs: the paragraphs in reading order (each with its cell), the workbook's 部门决算 tables (empty when
 * there are none: no table ties), the profile id findings are reported under, and the index of the
 * narrative in its sheet's report. Output: claim counts per kind, the findings with their paragraph (in
 * reading order), and the number of comparisons. Never throws on content.
 */
export function checkNarrative(
  paragraphs: NarrativeParagraph[],
  tables: PlacedAccountsTable[],
  profile: string,
  tableIndex: number,
): NarrativeResult {
  const { ctx, result } = newNarrativeContext(paragraphs, readParagraphs(paragraphs), tables, profile, tableIndex);
  for (const claim of CLAIMS) claim.evaluate(ctx);
  return result();
}
