/**
 * Scoring profiles: one named choice per scoring rule (rules-reference §2 "Scoring").
 *
 * A profile is plain JSON-serialisable data. The evaluators in scoring.ts switch on these choices,
 * so a new preset is a new object here, not new code.
 */

/** 预算执行得分 rule. `r` is 执行率 = 全年执行数 / 全年预算数. */
export type BudgetExecutionRule =
  /** 分值 × min(r, 1) */
  | { kind: "linear" }
  /** 分值 × max(0, (min(r, 1) − floor) / (1 − floor)); floor 0.6 is "threshold-60" */
  | { kind: "threshold"; floor: number }
  /** full 分值 when r ≥ threshold, else 分值 × r */
  | { kind: "full-at-or-above"; threshold: number };

/** Score of a positive or equal row that missed its target (r = B / A < 1). */
export type BelowTargetRule =
  /** W × r */
  | { kind: "proportional" }
  /** W × max(0, (r − floor) / (1 − floor)) */
  | { kind: "threshold"; floor: number };

/** Score of a positive row above its target (r > 1). */
export type AboveTargetRule =
  /** W */
  | { kind: "cap" }
  /** W × max(0, 2 − r) */
  | { kind: "deviation-penalty" }
  /** W, with a review warning when r ≥ reviewAt */
  | { kind: "cap-review"; reviewAt: number };

/** Score of a reverse row (≤, <, cost ceilings). */
export type ReverseRule =
  /** met (B ≤ A) → W; A < B < 2A → (2 − B/A) × W; else 0 (the budgeting system's coding) */
  | { kind: "national" }
  /** met → W; exceeded → A/B × W */
  | { kind: "inverse-ratio" }
  /** r = B / A, then the positive-row rules (the seeds' practice) */
  | { kind: "as-positive" };

/** Score share bands of qualitative rows, as fractions of W. */
export interface QualitativeBands {
  /** 达成年度指标 */
  achieved: [number, number];
  /** 部分达成并具有一定效果 */
  partial: [number, number];
  /** 未达成且效果较差 */
  notAchieved: [number, number];
}

export interface ScoringProfile {
  /** Stable id used in reports and notes, e.g. "national". */
  id: string;
  /** Display names. */
  name: { zh: string; en: string };
  /** Where the rule comes from. */
  source: string;
  budgetExecution: BudgetExecutionRule;
  belowTarget: BelowTargetRule;
  aboveTarget: AboveTargetRule;
  reverse: ReverseRule;
  qualitativeBands: QualitativeBands;
  /** How a recomputed score is rounded to 2 decimals. */
  rounding: "half-up" | "truncate";
}

/**
 * The national rule (财政部 财预〔2020〕10号《项目支出绩效评价管理办法》第十五、十六条) as coded by the
 * widely used budgeting system: met → full W, missed → W × B / A; reverse rows (2 − B/A) × W;
 * qualitative bands 80–100 / 60–80 / 0–60 %; budget execution 分值 × min(执行率, 1); half-up to 2 decimals.
 */
export const NATIONAL: ScoringProfile = {
  id: "national",
  name: { zh: "国家口径（财预〔2020〕10号）", en: "National rule (Caiyu [2020] No. 10)" },
  source: "财政部 财预〔2020〕10号《项目支出绩效评价管理办法》第十五、十六条；预算执行得分 = 分值 × min(执行率, 100%)",
  budgetExecution: { kind: "linear" },
  belowTarget: { kind: "proportional" },
  aboveTarget: { kind: "cap" },
  reverse: { kind: "national" },
  qualitativeBands: { achieved: [0.8, 1], partial: [0.6, 0.8], notAchieved: [0, 0.6] },
  rounding: "half-up",
};

/** The presets shipped with the product, by id. */
export const PROFILES: Readonly<Record<string, ScoringProfile>> = Object.freeze({
  [NATIONAL.id]: NATIONAL,
});

/**
 * Looks a preset up by id.
 * Input: a profile id such as "national". Output: the profile.
 * Throws: Error with a list of the known ids when the id is unknown.
 */
export function getProfile(id: string): ScoringProfile {
  const p = PROFILES[id];
  if (!p) throw new Error(`Unknown scoring profile "${id}". Known profiles: ${Object.keys(PROFILES).join(", ")}`);
  return p;
}
