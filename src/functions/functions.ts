/**
 * Excel custom functions (namespace DC, shared runtime) over the shared rules: the recomputed columns
 * the add-in inserts are live formulas over these, so a corrected stated figure is recomputed at once.
 *
 * Every function takes raw cell contents as Excel passes them (a number, or text such as ">=13套",
 * "=624.9万元", "2025年5月", "99.27%"); an empty cell counts as empty. Input that cannot be read, or a
 * row that cannot be recomputed, throws #VALUE! with a message saying why, never a wrong number.
 * The recomputations themselves are src/rules/recompute.ts (pure); here they are only wrapped.
 *
 * custom-functions-metadata-plugin builds functions.json from the JSDoc tags below and appends the
 * CustomFunctions.associate calls for them to this module, so ids, metadata and handlers cannot drift.
 */
/* global globalThis */
import * as recompute from "../rules/recompute";

interface CustomFunctionsRegistry {
  associate(id: string, fn: unknown): void;
  Error?: new (code: string, message?: string) => Error;
  ErrorCode?: { invalidValue: string };
}

/**
 * The host's custom-functions registry. An Excel that loads the page without the custom-functions
 * runtime (an old version showing only the task pane) has none: the appended associate calls then do
 * nothing, and the pane still loads and says what the version lacks.
 */

const CustomFunctions: CustomFunctionsRegistry = (globalThis as { CustomFunctions?: CustomFunctionsRegistry })
  .CustomFunctions ?? { associate: () => undefined };

/** The language of the #VALUE! messages: Office's display language, set once at start-up (Chinese first). */
let LANG: "zh" | "en" = "zh";

/** Sets the language of the functions' messages (index.tsx, from Office.context.displayLanguage). */
export function setFunctionsLanguage(lang: "zh" | "en"): void {
  LANG = lang;
}

/**
 * The error a DC.* function throws: #VALUE! in Excel, with the message, in the user's language, shown in
 * the cell's tooltip. Input: the message in Chinese and in English.
 */
export function invalidValue(zh: string, en: string): Error {
  const message = LANG === "zh" ? zh : en;
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsRegistry }).CustomFunctions;
  // CustomFunctions.Error (an error with its message) is CustomFunctionsRuntime 1.2; office.js defines the
  // class on every host, so the host's support is asked. Below 1.2 a plain error: Excel shows #VALUE!.
  if (cf?.Error && cf.ErrorCode && runtimeSupports("1.2")) return new cf.Error(cf.ErrorCode.invalidValue, message);
  return Object.assign(new Error(message), { code: "#VALUE!" });
}

/** Whether the host has CustomFunctionsRuntime `version` (Office.context.requirements); false when it cannot tell. */
function runtimeSupports(version: string): boolean {
  const office = (
    globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v: string): boolean } } } }
  ).Office;
  try {
    return !!office?.context?.requirements?.isSetSupported("CustomFunctionsRuntime", version);
  } catch {
    return false;
  }
}

/** Runs a recomputation as a custom function: a RecomputeError becomes #VALUE! with its message. */
function cellFunction<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof recompute.RecomputeError) throw invalidValue(e.zh, e.en);
    throw e;
  }
}

/**
 * 执行率 = 全年执行数 / 全年预算数（比率，1 = 100%）。金额为空、无法读取或预算数为 0 时返回 #VALUE!。
 * @customfunction EXECUTIONRATE
 * @param budget 全年预算数（万元）
 * @param executed 全年执行数（万元）
 * @returns 执行率（比率，1 = 100%）
 */
export function executionRateOf(budget: unknown, executed: unknown): number {
  return cellFunction(() => recompute.executionRateOf(budget, executed));
}

/**
 * 预算执行得分：按评分口径（默认 national）由分值、全年预算数和全年执行数计算，保留两位小数。
 * @customfunction BUDGETSCORE
 * @param points 分值
 * @param budget 全年预算数（万元）
 * @param executed 全年执行数（万元）
 * @param [profile] 评分口径，如 "national"（默认）
 * @returns 预算执行得分
 */
export function budgetScoreOf(points: unknown, budget: unknown, executed: unknown, profile?: unknown): number {
  return cellFunction(() => recompute.budgetScoreOf(points, budget, executed, profile));
}

/**
 * 完成率 = 实际完成值 / 年度指标值（比率）；时限指标按期完成为 100%，定性指标达成为 100%。无法判断时返回 #VALUE!。
 * @customfunction COMPLETIONRATE
 * @param target 年度指标值（目标值）
 * @param actual 实际完成值
 * @returns 完成率（比率，1 = 100%）
 */
export function completionRateOf(target: unknown, actual: unknown): number {
  return cellFunction(() => recompute.completionRateOf(target, actual));
}

/**
 * 指标得分：按赋分规则或评分口径（默认 national）由权重、年度指标值和实际完成值计算；评判等级赋分时返回得分区间，给出表列得分时返回区间内的表列得分（区间外取较近端点）。
 * @customfunction SCORE
 * @param weight 权重（分值）
 * @param target 年度指标值（目标值）
 * @param actual 实际完成值
 * @param [scoringRule] 赋分规则，如 "按照完成比例赋分"
 * @param [profile] 评分口径，如 "national"（默认）
 * @param [stated] 表列得分（评判等级赋分时用于复核总分）
 * @returns 指标得分（评判等级赋分且未给表列得分时为区间文本）
 */
export function scoreOf(
  weight: unknown,
  target: unknown,
  actual: unknown,
  scoringRule?: unknown,
  profile?: unknown,
  stated?: unknown,
): number | string {
  return cellFunction(() => recompute.scoreOf(weight, target, actual, scoringRule, profile, stated));
}

/**
 * 差异 = 表列数 − 复核数；复核数为区间时，区间内为 0，区间外为到较近端点的差。
 * @customfunction CHECK
 * @param stated 表列数
 * @param expected 复核数
 * @returns 差异（表列数 − 复核数）
 */
export function checkOf(stated: unknown, expected: unknown): number {
  return cellFunction(() => recompute.checkOf(stated, expected));
}

// The ids above are associated by the metadata plugin's loader (appended here at build time) through the
// registry declared at the top of this module.
void CustomFunctions;
