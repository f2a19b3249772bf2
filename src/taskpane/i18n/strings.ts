/**
 * Every string of the task pane, in Chinese and English. Chinese when Office's display language is
 * Chinese, English otherwise. Both tables have the same keys (checked by a test).
 */

export const zh = {
  appTitle: "决算复核",
  validate: "校验工作表",
  validating: "正在校验…",
  clear: "清除标注",
  profile: "评分口径",
  summaryTitle: "校验结果",
  sheet: "工作表",
  tablesFound: "识别到的表格",
  kindProject: "项目支出绩效自评表",
  kindUnit: "单位整体支出绩效自评表",
  checksRun: "复核项",
  severityError: "错误",
  severityWarning: "警告",
  severityInfo: "提示",
  highlighted: "已标注单元格",
  findingsTitle: "发现的问题",
  noFindings: "所有复核项均一致，没有发现问题。",
  stated: "表列",
  expected: "应为",
  formula: "计算",
  cell: "单元格",
  table: "表",
  untitled: "（无名称）",
  selectHint: "点击定位到单元格",
  statusEmpty: "当前工作表是空的：没有可复核的内容。",
  statusNoTable:
    "当前工作表中没有找到绩效自评表。本加载项查找“项目资金（万元）/部门资金（万元）”资金表头以及“一级指标、二级指标、三级指标”指标表头。",
  statusProtected: "工作表受保护：请先撤销保护（审阅 → 撤销工作表保护），再校验。下面列出的问题未在表中标注。",
  statusUnsupported:
    "此版本的 Excel 不支持本加载项（需要 ExcelApi 1.4 或更高版本）。请更新 Office 或使用网页版 Excel。",
  warnNeeds19: "此版本的 Excel 无法备份单元格填充色（需要 ExcelApi 1.9），因此只在此列出问题，不在表中标注。",
  warnNoNotes: "此版本的 Excel 不支持批注，问题说明只在此列出。",
  warnCommentsUsed: "此版本的 Excel 不支持备注，说明已写入批注（线程式批注）。",
  warnForeignNotes: "以下单元格已有您自己的备注，未写入复核说明：",
  warnWriteFailed: "标注写入失败，问题只在此列出：",
  clearedCells: "已清除标注并恢复原填充色的单元格：",
  nothingToClear: "当前工作表没有本加载项的标注。",
  clearProtected: "工作表受保护：请先撤销保护再清除标注。",
  errorPrefix: "出错了：",
  ribbonDone: "校验完成",
  ruleLabel: "规则",
  oneError: "错误",
  oneWarning: "警告",
  oneInfo: "提示",
  colon: "：",
} as const;

export type StringKey = keyof typeof zh;
export type Strings = Record<StringKey, string>;

export const en: Strings = {
  appTitle: "Disclosure check",
  validate: "Validate sheet",
  validating: "Validating…",
  clear: "Clear highlights",
  profile: "Scoring profile",
  summaryTitle: "Result",
  sheet: "Sheet",
  tablesFound: "Tables found",
  kindProject: "Project self-evaluation",
  kindUnit: "Whole-unit self-evaluation",
  checksRun: "Checks run",
  severityError: "Errors",
  severityWarning: "Warnings",
  severityInfo: "Info",
  highlighted: "Cells highlighted",
  findingsTitle: "Findings",
  noFindings: "Every check agrees: no findings.",
  stated: "Stated",
  expected: "Expected",
  formula: "Formula",
  cell: "Cell",
  table: "Table",
  untitled: "(untitled)",
  selectHint: "Click to select the cell",
  statusEmpty: "The active sheet is empty: there is nothing to check.",
  statusNoTable:
    "No self-evaluation table was found on the active sheet. The add-in looks for a fund block headed 项目资金（万元）/部门资金（万元） and an indicator header 一级指标, 二级指标, 三级指标.",
  statusProtected:
    "The sheet is protected: unprotect it (Review → Unprotect Sheet) and validate again. The findings below were not highlighted.",
  statusUnsupported:
    "This version of Excel does not support the add-in (it needs ExcelApi 1.4 or later). Update Office or use Excel on the web.",
  warnNeeds19:
    "This version of Excel cannot back up cell fills (needs ExcelApi 1.9), so findings are listed here and not highlighted.",
  warnNoNotes: "This version of Excel has no notes or comments API; explanations are listed here only.",
  warnCommentsUsed: "This version of Excel has no notes API; explanations were written as threaded comments.",
  warnForeignNotes: "These cells already hold your own note; no explanation was written there:",
  warnWriteFailed: "Writing the highlights failed; the findings are listed here only:",
  clearedCells: "Highlights cleared and fills restored on cells:",
  nothingToClear: "The active sheet has no highlights from this add-in.",
  clearProtected: "The sheet is protected: unprotect it before clearing.",
  errorPrefix: "Something went wrong: ",
  ribbonDone: "Validation finished",
  ruleLabel: "Rule",
  oneError: "Error",
  oneWarning: "Warning",
  oneInfo: "Info",
  colon: ": ",
};

/** The strings for an Office display language such as "zh-CN" or "en-US". */
export function stringsFor(displayLanguage: string | undefined): { lang: "zh" | "en"; t: Strings } {
  return /^zh/i.test(displayLanguage ?? "") ? { lang: "zh", t: zh } : { lang: "en", t: en };
}
