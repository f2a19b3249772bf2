/**
 * Vocabulary of the 部门决算 tables (公开01表 … 公开09表) and of the “三公”经费 tables in every shape the
 * provinces publish: titles, header words, line labels and the 三公 items. Pure data, read by
 * src/tables/accounts.ts and src/tables/threePublic.ts.
 *
 * Sources: the 公开01–09 表 of the 部门决算 (财政部 部门决算报表), and the real 三公 tables under
 * test/fixtures/provinces/tables (安徽 寿县/池州/杜集, 重庆 渝中/市级, 云南 昌宁, 广西 桂林, 湖南 岳阳县).
 */
import type { AccountsKind } from "../../rules/accounts/types";

/** Title text (normalised, quotes dropped) → kind; the first match wins (04 contains 01's title). */
export const ACCOUNTS_TITLES: ReadonlyArray<[RegExp, AccountsKind]> = [
  [/财政拨款收入支出决算总表$/, "fiscal-income-expenditure-summary"],
  [/一般公共预算财政拨款基本支出决算表$/, "general-budget-basic-expenditure"],
  [/一般公共预算财政拨款支出决算表$/, "general-budget-expenditure"],
  [/政府性基金预算财政拨款(收入)?支出决算表$/, "government-fund"],
  [/国有资本经营预算财政拨款(收入)?支出决算表$/, "state-capital-operation"],
  [/三公经费支出决算表$/, "three-public-expenses"],
  [/收入支出决算总表$/, "income-expenditure-summary"],
  [/收入决算表$/, "income"],
  [/支出决算表$/, "expenditure"],
];

/**
 * A “三公”经费 table's title: it names 三公经费 and ends as a title does (…表, …情况, …统计表), e.g.
 * `一、2022年一般公共预算“三公”经费支出预算表`, `2020年度全区“三公”经费决算情况`,
 * `2024年昌宁县卡斯镇“三公”经费预算财政拨款情况统计表`, `财政拨款“三公”经费支出决算表`.
 */
export const THREE_PUBLIC_TITLE = { words: "三公经费", endings: ["表", "情况", "情况表", "统计表", "明细"] } as const;

/** Labels of header rows (any of these in a row below the title starts the header). */
export const ACCOUNTS_HEADER_WORDS: readonly string[] = [
  "项目",
  "科目编码",
  "科目名称",
  "功能分类科目编码",
  "经济分类科目编码",
  "收入",
  "支出",
  "预算数",
  "决算数",
  "人员经费",
  "公用经费",
  "类",
  "款",
  "项",
  "本年收入合计",
  "本年支出合计",
  "合计",
  "本年支出",
  "年初结转和结余",
];

/** Group words: the two sides of 01/04, the blocks of 三公, the halves of 06. */
export const ACCOUNTS_GROUP_WORDS: readonly string[] = ["收入", "支出", "预算数", "决算数", "人员经费", "公用经费"];

/** Labels of total lines that mark a data row even without a code (matched at the label's start). */
export const ACCOUNTS_LINE_WORDS: readonly string[] = [
  "合计",
  "总计",
  "本年收入合计",
  "本年支出合计",
  "人员经费合计",
  "公用经费合计",
  "使用非财政拨款结余",
  "年初结转和结余",
  "年末结转和结余",
  "结余分配",
  "年初财政拨款结转和结余",
  "年末财政拨款结转和结余",
];

/** The 三公 items, by their canonical key (the key the checks and the text ties use). */
export type ThreePublicItem =
  "合计" | "因公出国（境）费" | "公务用车购置及运行维护费" | "公务用车购置费" | "公务用车运行维护费" | "公务接待费";

/** Line or column labels of each item (after numbering, 其中 and quotes are stripped). */
export const THREE_PUBLIC_ITEMS: ReadonlyArray<{ item: ThreePublicItem; words: readonly string[] }> = [
  {
    item: "合计",
    words: [
      "合计",
      "总计",
      "三公经费合计",
      "三公经费",
      "支出合计",
      "三公经费支出合计",
      "总三公经费支出",
      "三公经费总额",
      "三公经费支出",
    ],
  },
  { item: "因公出国（境）费", words: ["因公出国（境）费", "因公出国（境）费用", "因公出国（境）经费", "出国（境）费"] },
  {
    item: "公务用车购置及运行维护费",
    words: [
      "公务用车购置及运行维护费",
      "公务用车购置及运行费",
      "公务用车费",
      "公务用车购置和运行维护费",
      "公务用车购置及运行维护费用",
      "公务用车购置及运维费",
    ],
  },
  { item: "公务用车购置费", words: ["公务用车购置费", "公务用车购置", "购置费", "车辆购置费"] },
  {
    item: "公务用车运行维护费",
    words: ["公务用车运行维护费", "公务用车运行费", "运行维护费", "运行费", "公务用车运行维护", "车辆运行维护费"],
  },
  { item: "公务接待费", words: ["公务接待费", "公务接待费用", "国内公务接待费", "接待费"] },
];

/** Count lines mixed in with the amounts (批次, 人数, 车辆数 …): read, never summed with amounts. */
export const THREE_PUBLIC_COUNT_WORDS: readonly string[] = [
  "团组数",
  "人数",
  "人次",
  "批次",
  "购置数",
  "保有量",
  "车辆数",
  "数量",
  "相关统计数",
];

/** Lines that end a 三公 table (notes, the reasons section). */
export const THREE_PUBLIC_STOP_PREFIXES: readonly string[] = ["注", "备注", "说明", "填报说明"];

/** Column headers of a change on the year before: amount and rate (`增、减金额`, `增、减幅度`, `支出减少率`). */
export const CHANGE_AMOUNT_WORDS: readonly string[] = [
  "增减金额",
  "增减额",
  "增减",
  "减少情况",
  "增加情况",
  "比上年增减",
  "增减变动",
];
export const CHANGE_RATE_WORDS: readonly string[] = ["幅度", "率", "比例", "百分比"];
/** A change column that counts a decrease as positive (`支出减少情况`). */
export const DECREASE_WORDS: readonly string[] = ["减少"];
