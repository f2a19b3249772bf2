/**
 * Vocabulary of the self-evaluation tables (项目支出绩效自评表, 部门/单位整体支出绩效自评表, 专项资金 and
 * 转移支付 自评表): the header words of every column role, the row labels, titles and stop labels, as
 * printed by the templates of the provinces we have seen. Pure data, read by src/tables/find.ts.
 *
 * Labels here are in the form `normaliseHeader` gives: no spaces, no annotations such as `(A)`, `(万元)` or
 * `(20分)`, full-width brackets, no trailing colon, simplified characters.
 *
 * Adding a province's word is a one-line change here, with a row in test/tables/vocabulary.test.ts.
 * Sources of the words: the seeds (新疆 昌吉), and the real tables under test/fixtures/provinces/tables
 * (四川 青神/大英/中江, 云南 丽江, 重庆 忠县, 安徽 池州/天长, 湖北 黄冈 …), each file naming its page.
 */
import type { RoleEntry } from "./normalise";

/** Columns of the fund block (项目资金 / 部门资金 / 预算执行情况). Amounts in 万元 unless annotated. */
export type FundRole = "budgetInitial" | "budgetFull" | "executed" | "points" | "rate" | "score" | "fundNote";

export const FUND_COLUMNS: readonly RoleEntry<FundRole>[] = [
  {
    role: "budgetInitial",
    name: { zh: "年初预算数", en: "initial budget" },
    exact: [
      "年初预算数",
      "年初预算",
      "年初预算金额",
      "年初预算安排数",
      "年初预算安排",
      "年初批复预算数",
      "年初批复数",
      "年初数",
    ],
  },
  {
    role: "budgetFull",
    name: { zh: "全年预算数", en: "full-year budget" },
    exact: [
      "全年预算数",
      "全年预算",
      "全年预算金额",
      "调整后预算数",
      "调整后预算",
      "调整后预算金额",
      "预算数",
      "年度预算数",
      "预算金额",
      "全年可用资金",
      "全年可支配资金",
      "预算批复数",
      "批复预算数",
    ],
  },
  {
    role: "executed",
    name: { zh: "全年执行数", en: "amount executed" },
    exact: [
      "全年执行数",
      "全年执行",
      "全年执行金额",
      "执行数",
      "预算执行数",
      "实际执行数",
      "实际执行",
      "实际执行金额",
      "全年实际执行数",
      "实际支出数",
      "实际支出",
      "全年支出数",
      "全年实际支出",
      "执行金额",
      "支出数",
    ],
  },
  {
    role: "points",
    name: { zh: "分值", en: "points" },
    exact: ["分值", "分值权重", "权重", "分数", "权重分值"],
  },
  {
    role: "rate",
    name: { zh: "执行率", en: "execution rate" },
    exact: ["执行率", "预算执行率", "全年执行率", "资金执行率"],
  },
  {
    role: "score",
    name: { zh: "得分", en: "score" },
    exact: ["得分", "评分", "执行得分", "自评得分", "实际得分"],
  },
  {
    role: "fundNote",
    name: { zh: "原因说明", en: "note" },
    exact: ["原因", "原因说明", "说明", "备注", "偏差原因", "执行偏差原因"],
  },
];

/** Labels of the block's own header column (left of the row labels): not roles, and not unplaced. */
export const FUND_BLOCK_LABELS: readonly string[] = [
  "项目资金",
  "部门资金",
  "单位资金情况",
  "资金情况",
  "预算执行情况",
  "年度预算数",
  "资金来源",
  "资金投入",
  "项目资金情况",
  "年度资金",
  "年度预算申请",
];

/** Row labels of the fund block's total row (年度资金总额 …). */
export const FUND_TOTAL_LABELS: readonly string[] = [
  "年度资金总额",
  "资金总额",
  "总额",
  "合计",
  "总计",
  "年度财政资金总额",
  "项目资金总额",
  "资金合计",
  "年度预算资金总额",
  "部门整体支出总额",
  "整体支出总额",
];

/**
 * Breakdown lines of the 湖南 部门整体 template: `按收入性质分:2030.12` over `其中: 一般公共预算:1325.68` …, and
 * `按支出性质分:1925.67` over `其中:基本支出:900.47` …, each a split of the 年度资金总额 written as label:figure.
 */
export const FUND_BREAKDOWN_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  按收入性质分: { zh: "按收入性质分", en: "by kind of income" },
  按支出性质分: { zh: "按支出性质分", en: "by kind of spending" },
};

/**
 * Row labels of the fund block's source rows (其中：… is stripped before matching). Any other label under a
 * total row is read as a source too; these words let a block be found by its rows.
 */
export const FUND_PART_LABELS: readonly string[] = [
  "当年财政拨款",
  "本年财政拨款",
  "财政拨款",
  "财政资金",
  "上年结转资金",
  "上年结转",
  "其他资金",
  "上级资金",
  "本级资金",
  "财政专户管理资金",
  "单位资金",
  "中央资金",
  "省级资金",
  "市级资金",
  "县级资金",
  "中央、市级补助",
  "中央补助",
  "省级补助",
  "自有资金",
  "社会资金",
];

/** Columns of the indicator block (年度绩效指标). */
export type IndicatorRole =
  | "level1"
  | "level2"
  | "name"
  | "weight"
  | "target"
  | "operator"
  | "unit"
  | "actual"
  | "completionRate"
  | "score"
  | "convertedScore"
  | "scoringRule"
  | "deviationNote"
  | "basis"
  | "lastYear"
  | "evidence"
  | "remark";

export const INDICATOR_COLUMNS: readonly RoleEntry<IndicatorRole>[] = [
  { role: "level1", name: { zh: "一级指标", en: "level-1 indicator" }, exact: ["一级指标", "一级"] },
  { role: "level2", name: { zh: "二级指标", en: "level-2 indicator" }, exact: ["二级指标", "二级"] },
  {
    role: "name",
    name: { zh: "三级指标", en: "indicator" },
    exact: ["三级指标", "三级", "指标名称", "具体指标", "绩效指标名称", "指标内容"],
  },
  {
    role: "weight",
    name: { zh: "权重（分值）", en: "weight" },
    exact: ["权重", "分值", "分值权重", "指标分值", "权重分值", "指标权重", "标准分值"],
  },
  {
    role: "basis",
    name: { zh: "指标值设定依据", en: "basis of the target" },
    exact: ["指标值设定依据", "目标值设定依据", "设定依据", "指标解释"],
  },
  {
    role: "lastYear",
    name: { zh: "上年完成情况", en: "last year" },
    exact: ["上年完成情况", "上年实际完成值", "上年指标值", "上年完成值"],
  },
  {
    role: "target",
    name: { zh: "目标值", en: "target" },
    exact: [
      "目标值",
      "年度指标值",
      "预期指标值",
      "年度目标值",
      "年初目标值",
      "年度",
      "年度目标",
      "计划值",
      "指标值",
      "预期目标值",
      "全年指标值",
      "计划完成值",
      "年初指标值",
      "年度计划值",
    ],
    contains: ["目标值", "年度指标值"],
    not: ["设定依据", "上年"],
  },
  {
    role: "operator",
    name: { zh: "指标性质（运算符）", en: "operator" },
    exact: ["指标性质", "指标方向", "运算符号", "运算符"],
  },
  { role: "unit", name: { zh: "度量单位", en: "unit" }, exact: ["度量单位", "计量单位", "单位", "指标单位"] },
  {
    role: "actual",
    name: { zh: "实际完成值", en: "actual" },
    exact: [
      "业绩值",
      "实际完成值",
      "实际完成指标值",
      "实际值",
      "实际",
      "完成值",
      "全年实际值",
      "全年完成值",
      "实际完成",
      "全年实际完成值",
      "实际完成数",
    ],
    contains: ["业绩值", "实际完成值", "实际完成指标值"],
    not: ["上年"],
  },
  {
    role: "completionRate",
    name: { zh: "完成率", en: "completion rate" },
    exact: ["完成率", "指标完成率", "完成比例"],
    contains: ["完成率"],
  },
  {
    role: "convertedScore",
    name: { zh: "折算得分", en: "converted score" },
    exact: ["折算得分", "折合得分", "折算后得分"],
  },
  {
    role: "score",
    name: { zh: "得分", en: "score" },
    exact: ["指标得分", "得分", "自评得分", "实际得分", "评分", "单项得分"],
  },
  {
    role: "scoringRule",
    name: { zh: "赋分规则", en: "scoring rule" },
    exact: ["赋分规则", "评分规则", "评分标准", "计分方法", "评分方法"],
    contains: ["赋分规则", "评分规则"],
  },
  {
    role: "deviationNote",
    name: { zh: "偏差原因分析及改进措施", en: "deviation note" },
    exact: [
      "偏差原因分析及改进措施",
      "未完成原因及拟采取的改进措施",
      "未完成原因和改进措施",
      "未完成原因分析",
      "偏差原因",
      "偏差原因分析",
      "未完成原因",
    ],
    contains: ["偏差原因", "未完成原因"],
  },
  { role: "evidence", name: { zh: "佐证资料", en: "evidence" }, exact: ["佐证资料", "证明材料", "佐证材料"] },
  { role: "remark", name: { zh: "备注", en: "remark" }, exact: ["备注", "说明"] },
];

/**
 * Second header rows (2020 layout: 年度 | 实际 over 指标值 | 完成值; 丽江: 年度指标值 over 指标性质 | 指标值 |
 * 度量单位). A cell of the row below the header that is one of these is part of the header.
 */
export const INDICATOR_SUBHEADERS: readonly string[] = ["指标值", "完成值", "指标性质", "度量单位", "计量单位"];

/** Labels left of the 一级指标 column (the merged side label of the block): not roles, not unplaced. */
export const INDICATOR_BLOCK_LABELS: readonly string[] = [
  "年度绩效指标完成情况",
  "绩效指标",
  "年度绩效指标",
  "绩效指标完成情况",
  "年度绩效目标",
  "年度绩效目标完成情况",
];

/** Block labels that number several indicator blocks of one table: `年度绩效目标1(40分)`, `年度目标1:(80分)`. */
export const INDICATOR_BLOCK_PREFIXES: readonly string[] = ["年度绩效目标", "绩效目标", "绩效指标", "年度目标"];

/** First-column labels of the total row. */
export const TOTAL_ROW_LABELS: readonly string[] = ["总分", "合计", "总计", "自评总分", "综合得分"];

/** Titles: a cell ending with one of these is a table heading. */
export const TITLE_SUFFIXES: readonly string[] = ["绩效自评表", "绩效目标自评表", "自评表"];

/** A heading with one of these words is a whole-unit table. */
export const UNIT_TITLE_WORDS: readonly string[] = ["单位整体", "部门整体"];

/** Name lines: the label left of the table's name (项目名称 …), and whether it names a unit. */
export const NAME_LINES: ReadonlyArray<{ label: string; unit: boolean }> = [
  { label: "项目名称", unit: false },
  { label: "专项名称", unit: false },
  { label: "专项资金名称", unit: false },
  { label: "专项（项目）名称", unit: false },
  { label: "转移支付名称", unit: false },
  { label: "单位名称", unit: true },
  { label: "部门名称", unit: true },
  { label: "预算单位名称", unit: true },
  { label: "一级预算单位名称", unit: true },
  { label: "预算部门、单位名称", unit: true },
  { label: "部门（单位）名称", unit: true },
];

/** Name-line labels by their ending, for the variants not listed above (`XX预算单位名称`). */
export const NAME_LINE_SUFFIXES: ReadonlyArray<{ suffix: string; unit: boolean }> = [
  { suffix: "单位名称", unit: true },
  { suffix: "部门名称", unit: true },
  { suffix: "项目名称", unit: false },
];

/** Headers of the goal block's column that states what was done (the text the table's figures are tied to). */
export const ACHIEVED_TEXT_LABELS: readonly string[] = [
  "实际完成情况",
  "全年实际完成情况",
  "年度总体目标完成情况综述",
  "年度目标完成情况",
  "完成情况综述",
  "总体目标完成情况",
];

/** The label of the one deviation field below a table (a row, not a column): `偏差大或目标未完成原因分析`. */
export const DEVIATION_FIELD_LABELS: readonly string[] = [
  "偏差大或目标未完成原因分析",
  "偏差原因分析",
  "未完成原因分析",
  "偏差原因分析及改进措施",
  "目标未完成原因分析",
];

/** A row holding one of these starts another part of the form: the fund or indicator block ends there. */
export const STOP_LABELS: readonly string[] = [
  "年度总体目标",
  "总体目标",
  "年度总体目标完成情况",
  "项目名称",
  "单位名称",
  "部门名称",
  "一级指标",
  "项目基本情况",
  "评价结论",
  "存在问题",
  "改进措施",
  "偏差大或目标未完成原因分析",
  "改进措施及结果应用方案",
];

/** Texts of template rows left in the form (`指标1:` with nothing after it, `……`): never counted. */
export const TEMPLATE_ROW_PATTERNS: readonly RegExp[] = [/^指标\d+[：:]?$/, /^[.…。·]{2,}$/];

/** The `指标1:` prefix of a filled template row (`指标1:完成中型灌区节水改造项目数量`). */
export const TEMPLATE_PREFIX = /^指标\d+[：:]/;
