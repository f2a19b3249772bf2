/**
 * Builds test/fixtures/final-accounts-000/001/002.xlsx: the nine 部门决算 tables (公开01表 … 公开09表)
 * reconstructed from the figures each seed's 第二部分 text states, plus the 第二部分 text itself, one
 * paragraph per cell, in a sheet named 公开说明. Writes test/fixtures/final-accounts.md, which lists
 * every figure the text does not state and how it was obtained (derived from stated figures, or assumed).
 *
 * Every figure below is one of:
 *   s("2,299.80")              stated in the text (test/fixtures/final-accounts.test checks it is there);
 *   d("20,288.04", "Σ 项")     derived from stated figures by the identity given;
 *   a("5,949.14", "reason")    an assumption the text does not support either way (a split by subject).
 *
 * Usage: npm run fixtures:accounts [-- SEEDS_DIR]   (default ../shared/seeds)
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

const ROOT = path.resolve(__dirname, "..");
const SEEDS = path.resolve(process.argv[2] ?? path.join(ROOT, "..", "shared", "seeds"));
const OUT = path.join(ROOT, "test", "fixtures");

type How = "stated" | "derived" | "assumed";
export interface Figure {
  text: string;
  how: How;
  note?: string;
}
const s = (text: string): Figure => ({ text, how: "stated" });
const d = (text: string, note: string): Figure => ({ text, how: "derived", note });
const a = (text: string, note: string): Figure => ({ text, how: "assumed", note });
type F = Figure | undefined;

/** 功能分类 类, in the order of the 2024 收支分类科目 (the template lists every one). */
const CLASSES: Array<[string, string]> = [
  ["201", "一般公共服务支出"],
  ["202", "外交支出"],
  ["203", "国防支出"],
  ["204", "公共安全支出"],
  ["205", "教育支出"],
  ["206", "科学技术支出"],
  ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"],
  ["210", "卫生健康支出"],
  ["211", "节能环保支出"],
  ["212", "城乡社区支出"],
  ["213", "农林水支出"],
  ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"],
  ["216", "商业服务业等支出"],
  ["217", "金融支出"],
  ["219", "援助其他地区支出"],
  ["220", "自然资源海洋气象等支出"],
  ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"],
  ["223", "国有资本经营预算支出"],
  ["224", "灾害防治及应急管理支出"],
  ["229", "其他支出"],
  ["231", "债务还本支出"],
  ["232", "债务付息支出"],
  ["233", "债务发行费用支出"],
];

const NUMERALS = "一二三四五六七八九十";
function numeral(i: number): string {
  if (i < 10) return NUMERALS[i];
  if (i < 19) return "十" + (i === 9 ? "" : NUMERALS[i - 10]);
  const tens = Math.floor((i + 1) / 10);
  const ones = (i + 1) % 10;
  return NUMERALS[tens - 1] + "十" + (ones ? NUMERALS[ones - 1] : "");
}

/** One subject row of 02/03/05: code, name, and figures by column. */
interface SubjectRow {
  code: string;
  name: string;
  /** 02: 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入 */
  income: F[];
  /** 03: 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出 */
  expenditure: F[];
  /** 05: 合计, 基本支出, 项目支出 (omitted for rows with no 一般公共预算 money) */
  general?: F[];
}

interface Spec {
  id: string;
  seed: string;
  unit: string;
  /** 01 income side: 一般公共预算, 政府性基金, 国有资本经营, 上级补助, 事业, 经营, 附属单位上缴, 其他. */
  incomeLines: F[];
  incomeTotal: F;
  useNonFiscal: F;
  openingBalance: F;
  incomeGrand: F;
  /** 01 expenditure side, by 类 code. */
  classSpending: Record<string, F>;
  spendingTotal: F;
  distribution: F;
  closingBalance: F;
  spendingGrand: F;
  /** 02 and 03 合计 rows. */
  incomeTotals: F[];
  expenditureTotals: F[];
  subjects: SubjectRow[];
  /** 04 */
  fiscal: {
    income: [F, F, F];
    incomeTotal: F;
    opening: [F, F, F, F];
    grand: F;
    /** 类 code → [合计, 一般公共预算, 政府性基金, 国有资本经营] */
    classes: Record<string, F[]>;
    spendingTotal: F[];
    closing: F[];
    spendingGrand: F[];
  };
  generalTotals: F[];
  /** 06 */
  personnel: F;
  publicUse: F;
  /** 07 and 08 合计 rows (年初, 本年收入, 本年支出小计, 基本, 项目, 年末); undefined = 空表 */
  fund?: F[];
  fundNote?: string;
  stateCapitalNote: string;
  /** 09: 合计, 因公出国（境）费, 公务用车购置及运行维护费 小计, 购置费, 运行维护费, 公务接待费 */
  threePublicBudget: F[];
  threePublicFinal: F[];
}

const Z = (n = 1): F[] => Array.from({ length: n }, () => undefined);

// ————————————————————————————————————————————— 000 昌吉职业技术学院
const NF000 = "说明未按科目披露事业收入、其他收入及非财政拨款支出；假定全部列 2050305 高等职业教育（该院主体职能）";
const SPEC_000: Spec = {
  id: "000",
  seed: "000_b609326f3d399845.txt",
  unit: "昌吉职业技术学院",
  incomeLines: [
    d("20,307.48", "财政拨款收入 20,307.48 − 政府性基金本年收入 0.00（八：无国有资本经营收入）"),
    s("0.00"),
    undefined,
    s("0.00"),
    s("4,929.13"),
    s("0.00"),
    s("0.00"),
    s("1,020.01"),
  ],
  incomeTotal: s("26,256.62"),
  useNonFiscal: s("0.00"),
  openingBalance: s("598.30"),
  incomeGrand: s("26,854.92"),
  classSpending: {
    "205": d("26,823.79", "教育支出 一般公共预算 20,288.05 + 非财政拨款支出 6,535.74（本年支出合计 − 财政拨款支出，全部假定列教育）"),
    "206": s("3.90"),
    "210": s("5.53"),
    "229": s("10.00"),
  },
  spendingTotal: s("26,843.22"),
  distribution: s("0.00"),
  closingBalance: s("11.70"),
  spendingGrand: s("26,854.92"),
  incomeTotals: [s("26,256.62"), s("20,307.48"), s("0.00"), s("4,929.13"), s("0.00"), s("0.00"), s("1,020.01")],
  expenditureTotals: [s("26,843.22"), s("18,298.61"), s("8,544.61"), s("0.00"), s("0.00"), s("0.00")],
  subjects: [
    {
      code: "205",
      name: "教育支出",
      income: [d("26,237.19", "20,288.05 + 4,929.13 + 1,020.01"), s("20,288.05"), ...Z(1), a("4,929.13", NF000), ...Z(2), a("1,020.01", NF000)],
      expenditure: [d("26,823.79", "20,288.05 + 6,535.74"), d("18,298.61", "全部基本支出"), d("8,525.17", "Σ 项"), ...Z(3)],
      general: [s("20,288.05"), d("13,049.95", "全部基本支出"), d("7,238.09", "Σ 项")],
    },
    {
      code: "20503",
      name: "职业教育",
      income: [d("26,237.19", "同类"), a("20,288.05", "唯一的款，取类的表列数"), ...Z(1), a("4,929.13", NF000), ...Z(2), a("1,020.01", NF000)],
      expenditure: [d("26,823.79", "同类"), d("18,298.61", "同类"), d("8,525.17", "Σ 项"), ...Z(3)],
      general: [a("20,288.05", "唯一的款，取类的表列数 20,288.05（其项之和为 20,288.04）"), d("13,049.95", "同类"), d("7,238.09", "Σ 项")],
    },
    {
      code: "2050302",
      name: "中等职业教育",
      income: [d("2,299.80", "= 财政拨款"), a("2,299.80", "财政拨款收入按科目等于一般公共预算支出（年初、年末财政拨款结转均为 0）"), ...Z(5)],
      expenditure: [s("2,299.80"), undefined, a("2,299.80", "一般公共预算基本支出全部假定列 2050305，本项全为项目支出"), ...Z(3)],
      general: [s("2,299.80"), undefined, a("2,299.80", "同上")],
    },
    {
      code: "2050303",
      name: "技校教育",
      income: [d("332.26", "= 财政拨款"), a("332.26", "财政拨款收入按科目等于一般公共预算支出"), ...Z(5)],
      expenditure: [s("332.26"), undefined, a("332.26", "全为项目支出（基本支出假定列 2050305）"), ...Z(3)],
      general: [s("332.26"), undefined, a("332.26", "同上")],
    },
    {
      code: "2050305",
      name: "高等职业教育",
      income: [d("23,605.12", "17,655.98 + 4,929.13 + 1,020.01"), a("17,655.98", "财政拨款收入按科目等于一般公共预算支出"), ...Z(1), a("4,929.13", NF000), ...Z(2), a("1,020.01", NF000)],
      expenditure: [
        d("24,191.72", "17,655.98 + 6,535.74"),
        d("18,298.61", "= 基本支出合计（13,049.95 财政 + 5,248.66 非财政，均假定列本项）"),
        d("5,893.11", "4,606.03 + 1,287.08（非财政项目支出 = 8,544.61 − 7,257.53）"),
        ...Z(3),
      ],
      general: [s("17,655.98"), a("13,049.95", "一般公共预算基本支出 13,049.95 全部假定列本项"), d("4,606.03", "17,655.98 − 13,049.95")],
    },
    {
      code: "206",
      name: "科学技术支出",
      income: [d("3.90", "= 财政拨款"), s("3.90"), ...Z(5)],
      expenditure: [s("3.90"), undefined, a("3.90", "全为项目支出"), ...Z(3)],
      general: [s("3.90"), undefined, a("3.90", "全为项目支出")],
    },
    {
      code: "20602",
      name: "基础研究",
      income: [d("3.90", "= 项"), d("3.90", "= 项"), ...Z(5)],
      expenditure: [d("3.90", "= 项"), undefined, d("3.90", "= 项"), ...Z(3)],
      general: [d("3.90", "= 项"), undefined, d("3.90", "= 项")],
    },
    {
      code: "2060203",
      name: "自然科学基金",
      income: [d("3.90", "= 财政拨款"), a("3.90", "财政拨款收入按科目等于一般公共预算支出"), ...Z(5)],
      expenditure: [s("3.90"), undefined, a("3.90", "全为项目支出"), ...Z(3)],
      general: [s("3.90"), undefined, a("3.90", "全为项目支出")],
    },
    {
      code: "210",
      name: "卫生健康支出",
      income: [d("5.53", "= 财政拨款"), s("5.53"), ...Z(5)],
      expenditure: [s("5.53"), undefined, a("5.53", "全为项目支出"), ...Z(3)],
      general: [s("5.53"), undefined, a("5.53", "全为项目支出")],
    },
    {
      code: "21001",
      name: "卫生健康管理事务",
      income: [d("5.53", "= 项"), d("5.53", "= 项"), ...Z(5)],
      expenditure: [d("5.53", "= 项"), undefined, d("5.53", "= 项"), ...Z(3)],
      general: [d("5.53", "= 项"), undefined, d("5.53", "= 项")],
    },
    {
      code: "2100199",
      name: "其他卫生健康管理事务支出",
      income: [d("5.53", "= 财政拨款"), a("5.53", "财政拨款收入按科目等于一般公共预算支出"), ...Z(5)],
      expenditure: [s("5.53"), undefined, a("5.53", "全为项目支出"), ...Z(3)],
      general: [s("5.53"), undefined, a("5.53", "全为项目支出")],
    },
    ...otherSpending("10.00"),
  ],
  fiscal: {
    income: [d("20,307.48", "本年财政拨款收入 20,307.48 − 政府性基金 0.00"), s("0.00"), undefined],
    incomeTotal: s("20,307.48"),
    opening: [s("0.00"), d("0.00", "年初财政拨款结转和结余 0.00 − 政府性基金 0.00"), s("0.00"), undefined],
    grand: s("20,307.48"),
    classes: {
      "205": [s("20,288.05"), s("20,288.05")],
      "206": [s("3.90"), s("3.90")],
      "210": [s("5.53"), s("5.53")],
      "229": [s("10.00"), s("10.00"), s("0.00")],
    },
    spendingTotal: [s("20,307.48"), s("20,307.48"), s("0.00"), undefined],
    closing: [s("0.00"), d("0.00", "年末财政拨款结转和结余 0.00 − 政府性基金 0.00"), s("0.00"), undefined],
    spendingGrand: [s("20,307.48"), s("20,307.48"), s("0.00"), undefined],
  },
  generalTotals: [s("20,307.48"), s("13,049.95"), d("7,257.52", "Σ 类（20,307.48 − 13,049.95 = 7,257.53，差 0.01 为说明本身的舍位）")],
  personnel: s("11,153.77"),
  publicUse: s("1,896.19"),
  fund: [s("0.00"), s("0.00"), s("0.00"), d("0.00", "本年支出 0.00"), d("0.00", "本年支出 0.00"), s("0.00")],
  stateCapitalNote: "注：本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。",
  threePublicBudget: [s("0.40"), s("0.40"), d("0.00", "购置费 0.00 + 运行维护费 0.00"), s("0.00"), s("0.00"), s("0.00")],
  threePublicFinal: [s("0.40"), s("0.40"), s("0.00"), s("0.00"), s("0.00"), s("0.00")],
};

/** 其他支出(类)其他支出(款)其他支出(项), all 一般公共预算 project money. */
function otherSpending(amount: string): SubjectRow[] {
  return [
    ["229", "其他支出", "stated"],
    ["22999", "其他支出", "derived"],
    ["2299901", "其他支出", "stated"],
  ].map(([code, name, how]) => ({
    code,
    name,
    income: [d(amount, "= 财政拨款"), how === "stated" ? s(amount) : d(amount, "= 项"), ...Z(5)],
    expenditure: [how === "stated" ? s(amount) : d(amount, "= 项"), undefined, a(amount, "全为项目支出"), ...Z(3)],
    general: [how === "stated" ? s(amount) : d(amount, "= 项"), undefined, a(amount, "全为项目支出")],
  }));
}

/** A subject row wholly 一般公共预算 money: stated amount, basic or project by assumption. */
function fiscalRow(code: string, name: string, amount: F, basic: boolean, reason: string, level: "类" | "款" | "项" = "项"): SubjectRow {
  const t = amount!.text;
  const part = basic ? [a(t, reason), undefined] : [undefined, a(t, reason)];
  const incomeFiscal = level === "项" ? a(t, "财政拨款收入按科目等于一般公共预算支出（年初、年末财政拨款结转均为 0）") : amount;
  return {
    code,
    name,
    income: [d(t, "= 财政拨款"), incomeFiscal, ...Z(5)],
    expenditure: [amount, ...part, ...Z(3)],
    general: [amount, ...part],
  };
}

// ————————————————————————————————————————————— 001 昌吉州教育局
const NF001 = "说明未按科目披露其他收入；假定全部列 2050102 一般行政管理事务";
const SPEC_001: Spec = {
  id: "001",
  seed: "001_dfa22dd2bb6962f3.txt",
  unit: "昌吉回族自治州教育局",
  incomeLines: [
    d("2,349.21", "财政拨款收入 2,349.21（七、八：无政府性基金、国有资本经营收入）"),
    undefined,
    undefined,
    s("0.00"),
    s("0.00"),
    s("0.00"),
    s("0.00"),
    s("563.65"),
  ],
  incomeTotal: s("2,912.86"),
  useNonFiscal: s("0.00"),
  openingBalance: s("58.00"),
  incomeGrand: s("2,970.86"),
  classSpending: {
    "205": d("2,090.41", "教育支出 一般公共预算 1,537.21 + 非财政拨款支出 553.20（2,902.41 − 2,349.21，假定全部列教育）"),
    "212": s("799.00"),
    "224": s("3.00"),
    "229": s("10.00"),
  },
  spendingTotal: s("2,902.41"),
  distribution: s("0.00"),
  closingBalance: s("68.45"),
  spendingGrand: s("2,970.86"),
  incomeTotals: [s("2,912.86"), s("2,349.21"), s("0.00"), s("0.00"), s("0.00"), s("0.00"), s("563.65")],
  expenditureTotals: [s("2,902.41"), s("1,495.90"), s("1,406.51"), s("0.00"), s("0.00"), s("0.00")],
  subjects: [
    {
      code: "205",
      name: "教育支出",
      income: [d("2,100.86", "1,537.21 + 563.65"), s("1,537.21"), ...Z(4), a("563.65", NF001)],
      expenditure: [d("2,090.41", "1,537.21 + 553.20"), d("1,495.90", "= 基本支出合计"), d("594.50", "Σ 项"), ...Z(3)],
      general: [s("1,537.21"), d("1,196.98", "Σ 项"), d("340.22", "Σ 项")],
    },
    {
      code: "20501",
      name: "教育管理事务",
      income: [d("2,100.86", "同类"), a("1,537.21", "唯一的款，取类的表列数"), ...Z(4), a("563.65", NF001)],
      expenditure: [d("2,090.41", "同类"), d("1,495.90", "同类"), d("594.50", "Σ 项"), ...Z(3)],
      general: [a("1,537.21", "唯一的款，取类的表列数 1,537.21（其项之和为 1,537.20）"), d("1,196.98", "Σ 项"), d("340.22", "Σ 项")],
    },
    {
      code: "2050101",
      name: "行政运行",
      income: [d("1,196.98", "= 财政拨款"), a("1,196.98", "财政拨款收入按科目等于一般公共预算支出"), ...Z(5)],
      expenditure: [
        d("1,495.90", "1,196.98 + 非财政基本支出 298.92（1,495.90 − 1,196.98，假定列行政运行）"),
        d("1,495.90", "= 基本支出合计"),
        undefined,
        ...Z(3),
      ],
      general: [s("1,196.98"), a("1,196.98", "行政运行全为基本支出（与一般公共预算基本支出 1,196.98 恰好相等）"), undefined],
    },
    {
      code: "2050102",
      name: "一般行政管理事务",
      income: [d("903.87", "340.22 + 563.65"), a("340.22", "财政拨款收入按科目等于一般公共预算支出"), ...Z(4), a("563.65", NF001)],
      expenditure: [
        d("594.50", "340.22 + 非财政项目支出 254.28（553.20 − 298.92，假定列本项）"),
        undefined,
        d("594.50", "同左"),
        ...Z(3),
      ],
      general: [s("340.22"), undefined, a("340.22", "全为项目支出")],
    },
    fiscalRow("212", "城乡社区支出", s("799.00"), false, "全为项目支出（护眼灯安装项目）", "类"),
    fiscalRow("21299", "其他城乡社区支出", d("799.00", "= 项"), false, "全为项目支出", "款"),
    fiscalRow("2129901", "其他城乡社区支出", s("799.00"), false, "全为项目支出"),
    fiscalRow("224", "灾害防治及应急管理支出", s("3.00"), false, "全为项目支出（安全生产奖项目）", "类"),
    fiscalRow("22401", "应急管理事务", d("3.00", "= 项"), false, "全为项目支出", "款"),
    fiscalRow("2240199", "其他应急管理支出", s("3.00"), false, "全为项目支出"),
    ...otherSpending("10.00"),
  ],
  fiscal: {
    income: [d("2,349.21", "本年财政拨款收入（无政府性基金、国有资本经营）"), undefined, undefined],
    incomeTotal: s("2,349.21"),
    opening: [s("0.00"), d("0.00", "年初财政拨款结转和结余 0.00"), undefined, undefined],
    grand: s("2,349.21"),
    classes: {
      "205": [s("1,537.21"), s("1,537.21")],
      "212": [s("799.00"), s("799.00")],
      "224": [s("3.00"), s("3.00")],
      "229": [s("10.00"), s("10.00")],
    },
    spendingTotal: [s("2,349.21"), s("2,349.21"), undefined, undefined],
    closing: [s("0.00"), d("0.00", "年末财政拨款结转和结余 0.00"), undefined, undefined],
    spendingGrand: [s("2,349.21"), s("2,349.21"), undefined, undefined],
  },
  generalTotals: [s("2,349.21"), s("1,196.98"), d("1,152.22", "Σ 类（2,349.21 − 1,196.98 = 1,152.23，差 0.01 为说明本身的舍位）")],
  personnel: s("1,082.40"),
  publicUse: s("114.59"),
  fundNote: "注：本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。",
  stateCapitalNote: "注：本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。",
  threePublicBudget: [s("15.50"), s("0.00"), d("14.00", "购置费 0.00 + 运行维护费 14.00"), s("0.00"), s("14.00"), s("1.50")],
  threePublicFinal: [s("14.58"), s("0.00"), s("13.99"), s("0.00"), s("13.99"), s("0.59")],
};

// ————————————————————————————————————————————— 002 昌吉州党委组织部
const NF002 = "说明未按科目披露其他收入及非财政拨款支出；假定全部列 2013299 其他组织事务支出";
const B002 = "人员类科目（行政运行、事业运行、养老、医疗、公积金）全为基本支出";
const SPEC_002: Spec = {
  id: "002",
  seed: "002_f52e73d36ecc1ba3.txt",
  unit: "中共昌吉回族自治州委员会组织部",
  incomeLines: [
    d("2,285.24", "财政拨款收入 2,285.24（七、八：无政府性基金、国有资本经营收入）"),
    undefined,
    undefined,
    s("0.00"),
    s("0.00"),
    s("0.00"),
    s("0.00"),
    s("1,927.34"),
  ],
  incomeTotal: s("4,212.58"),
  useNonFiscal: s("0.00"),
  openingBalance: s("82.54"),
  incomeGrand: s("4,295.11"),
  classSpending: {
    "201": d("3,143.46", "一般公共服务支出 一般公共预算 1,896.97 + 非财政拨款支出 1,246.49（3,531.73 − 2,285.24，假定全部列此类）"),
    "208": s("180.53"),
    "210": s("63.05"),
    "221": s("95.01"),
    "229": s("49.67"),
  },
  spendingTotal: s("3,531.73"),
  distribution: s("0.00"),
  closingBalance: s("763.38"),
  spendingGrand: s("4,295.11"),
  incomeTotals: [s("4,212.58"), s("2,285.24"), s("0.00"), s("0.00"), s("0.00"), s("0.00"), s("1,927.34")],
  expenditureTotals: [s("3,531.73"), s("1,361.00"), s("2,170.72"), s("0.00"), s("0.00"), s("0.00")],
  subjects: [
    {
      code: "201",
      name: "一般公共服务支出",
      income: [d("3,824.31", "1,896.97 + 1,927.34"), s("1,896.97"), ...Z(4), a("1,927.34", NF002)],
      expenditure: [d("3,143.46", "1,896.97 + 1,246.49"), d("1,022.40", "Σ 项"), d("2,121.06", "Σ 项"), ...Z(3)],
      general: [s("1,896.97"), d("1,022.40", "Σ 项"), d("874.57", "Σ 项")],
    },
    {
      code: "20132",
      name: "组织事务",
      income: [d("3,824.31", "同类"), d("1,896.97", "Σ 项"), ...Z(4), a("1,927.34", NF002)],
      expenditure: [d("3,143.46", "同类"), d("1,022.40", "Σ 项"), d("2,121.06", "Σ 项"), ...Z(3)],
      general: [d("1,896.97", "Σ 项"), d("1,022.40", "Σ 项"), d("874.57", "Σ 项")],
    },
    fiscalRow("2013201", "行政运行", s("837.37"), true, B002),
    {
      code: "2013202",
      name: "一般行政管理事务",
      income: [d("421.76", "= 财政拨款"), a("421.76", "财政拨款收入按科目等于一般公共预算支出"), ...Z(5)],
      expenditure: [s("421.76"), a("8.09", "基本支出 1,361.00 减人员类科目 1,352.91 的余数，假定列本项"), d("413.67", "421.76 − 8.09"), ...Z(3)],
      general: [s("421.76"), a("8.09", "同上"), d("413.67", "421.76 − 8.09")],
    },
    fiscalRow("2013250", "事业运行", s("176.94"), true, B002),
    {
      code: "2013299",
      name: "其他组织事务支出",
      income: [d("2,388.24", "460.90 + 1,927.34"), a("460.90", "财政拨款收入按科目等于一般公共预算支出"), ...Z(4), a("1,927.34", NF002)],
      expenditure: [d("1,707.39", "460.90 + 1,246.49"), undefined, d("1,707.39", "全为项目支出"), ...Z(3)],
      general: [s("460.90"), undefined, a("460.90", "全为项目支出")],
    },
    fiscalRow("208", "社会保障和就业支出", s("180.53"), true, B002, "类"),
    fiscalRow("20805", "行政事业单位养老支出", d("180.53", "Σ 项"), true, B002, "款"),
    fiscalRow("2080501", "行政单位离退休", s("0.63"), true, B002),
    fiscalRow("2080505", "机关事业单位基本养老保险缴费支出", s("117.95"), true, B002),
    fiscalRow("2080506", "机关事业单位职业年金缴费支出", s("61.95"), true, B002),
    {
      ...fiscalRow("210", "卫生健康支出", s("63.05"), true, B002, "类"),
      expenditure: [s("63.05"), a("63.05", "全为基本支出，取本类表列数（其项之和为 63.06）"), ...Z(4)],
      general: [s("63.05"), a("63.05", "全为基本支出，取本类表列数（其项之和为 63.06）"), undefined],
    },
    {
      ...fiscalRow("21011", "行政事业单位医疗", a("63.05", "唯一的款，取类的表列数 63.05（其项之和为 63.06）"), true, B002, "款"),
      expenditure: [a("63.05", "唯一的款，取类的表列数"), a("63.05", "全为基本支出，取类的表列数"), ...Z(4)],
      general: [a("63.05", "唯一的款，取类的表列数"), a("63.05", "全为基本支出，取类的表列数"), undefined],
    },
    fiscalRow("2101101", "行政单位医疗", s("44.38"), true, B002),
    fiscalRow("2101102", "事业单位医疗", s("14.59"), true, B002),
    fiscalRow("2101103", "公务员医疗补助", s("3.69"), true, B002),
    fiscalRow("2101199", "其他行政事业单位医疗支出", s("0.40"), true, B002),
    fiscalRow("221", "住房保障支出", s("95.01"), true, B002, "类"),
    fiscalRow("22102", "住房改革支出", d("95.01", "= 项"), true, B002, "款"),
    fiscalRow("2210201", "住房公积金", s("95.01"), true, B002),
    ...otherSpending("49.67"),
  ],
  fiscal: {
    income: [d("2,285.24", "本年财政拨款收入（无政府性基金、国有资本经营）"), undefined, undefined],
    incomeTotal: s("2,285.24"),
    opening: [s("0.00"), d("0.00", "年初财政拨款结转和结余 0.00"), undefined, undefined],
    grand: s("2,285.24"),
    classes: {
      "201": [s("1,896.97"), s("1,896.97")],
      "208": [s("180.53"), s("180.53")],
      "210": [s("63.05"), s("63.05")],
      "221": [s("95.01"), s("95.01")],
      "229": [s("49.67"), s("49.67")],
    },
    spendingTotal: [s("2,285.24"), s("2,285.24"), undefined, undefined],
    closing: [s("0.00"), d("0.00", "年末财政拨款结转和结余 0.00"), undefined, undefined],
    spendingGrand: [s("2,285.24"), s("2,285.24"), undefined, undefined],
  },
  generalTotals: [s("2,285.24"), s("1,361.00"), d("924.24", "Σ 类")],
  personnel: s("1,215.39"),
  publicUse: s("145.61"),
  fundNote: "注：本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。",
  stateCapitalNote: "注：本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。",
  threePublicBudget: [s("40.33"), s("0.00"), d("36.86", "购置费 0.00 + 运行维护费 36.86"), s("0.00"), s("36.86"), s("3.47")],
  threePublicFinal: [s("40.33"), s("0.00"), s("36.86"), s("0.00"), s("36.86"), s("3.47")],
};

export const SPECS: Spec[] = [SPEC_000, SPEC_001, SPEC_002];

// ————————————————————————————————————————————— writing

interface Provenance {
  sheet: string;
  cell: string;
  figure: Figure;
}

const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFDDEBF7" } };
const THIN = { style: "thin" as const };

class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  row = 1;
  constructor(
    wb: ExcelJS.Workbook,
    readonly name: string,
    readonly provenance: Provenance[],
  ) {
    this.ws = wb.addWorksheet(name);
  }
  title(title: string, number: string, unit: string, width: number): void {
    this.ws.mergeCells(this.row, 1, this.row, width);
    const t = this.ws.getCell(this.row, 1);
    t.value = title;
    t.style = { font: { bold: true, size: 16 }, alignment: { horizontal: "center" } };
    this.row++;
    this.ws.getCell(this.row, width).value = number;
    this.row++;
    this.ws.getCell(this.row, 1).value = `部门：${unit}`;
    this.ws.getCell(this.row, width).value = "金额单位：万元";
    this.row++;
  }
  /** Header cells: [text, colSpan, rowSpan] placed left to right, skipping cells already merged from above. */
  header(rows: Array<Array<[string, number?, number?]>>, width: number): void {
    const taken = new Set<string>();
    rows.forEach((cells, i) => {
      let c = 1;
      for (const [text, cs = 1, rs = 1] of cells) {
        while (taken.has(`${this.row + i},${c}`)) c++;
        const cell = this.ws.getCell(this.row + i, c);
        cell.value = text;
        if (cs > 1 || rs > 1) this.ws.mergeCells(this.row + i, c, this.row + i + rs - 1, c + cs - 1);
        for (let r = 0; r < rs; r++) for (let k = 0; k < cs; k++) taken.add(`${this.row + i + r},${c + k}`);
        c += cs;
      }
    });
    for (let r = this.row; r < this.row + rows.length; r++)
      for (let c = 1; c <= width; c++)
        this.ws.getCell(r, c).style = {
          font: { bold: true },
          fill: HEADER_FILL,
          alignment: { horizontal: "center", vertical: "middle", wrapText: true },
          border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
        };
    this.row += rows.length;
  }
  /** One body row: strings are labels, Figures are amounts (numbers with format #,##0.00). */
  line(cells: Array<string | F | null>): void {
    cells.forEach((v, i) => {
      const cell = this.ws.getCell(this.row, i + 1);
      cell.style = { border: { top: THIN, bottom: THIN, left: THIN, right: THIN } };
      if (v === null || v === undefined) return;
      if (typeof v === "string") {
        cell.value = /^\d+$/.test(v) && v.length <= 2 ? Number(v) : v;
        return;
      }
      cell.value = Number(v.text.replace(/,/g, ""));
      cell.style = { ...cell.style, numFmt: "#,##0.00", alignment: { horizontal: "right" } };
      this.provenance.push({ sheet: this.name, cell: cell.address, figure: v });
    });
    this.row++;
  }
  note(text: string): void {
    this.ws.getCell(this.row, 1).value = text;
    this.row++;
  }
  widths(ws: number[]): void {
    ws.forEach((w, i) => (this.ws.getColumn(i + 1).width = w));
  }
}

const INCOME_LINES = [
  "一般公共预算财政拨款收入",
  "政府性基金预算财政拨款收入",
  "国有资本经营预算财政拨款收入",
  "上级补助收入",
  "事业收入",
  "经营收入",
  "附属单位上缴收入",
  "其他收入",
];

function write01(wb: ExcelJS.Workbook, sp: Spec, prov: Provenance[]): void {
  const w = new SheetWriter(wb, "公开01表 收入支出决算总表", prov);
  w.widths([34, 6, 16, 30, 6, 16]);
  w.title("收入支出决算总表", "公开01表", sp.unit, 6);
  w.header(
    [
      [["收入", 3], ["支出", 3]],
      [["项目"], ["行次"], ["金额"], ["项目"], ["行次"], ["金额"]],
      [["栏次"], [""], ["1"], ["栏次"], [""], ["2"]],
    ],
    6,
  );
  const left: Array<[string, F]> = [
    ...INCOME_LINES.map((l, i): [string, F] => [`${numeral(i)}、${l}`, sp.incomeLines[i]]),
  ];
  const right: Array<[string, F]> = CLASSES.map(([code, name], i): [string, F] => [`${numeral(i)}、${name}`, sp.classSpending[code]]);
  const rows = Math.max(left.length, right.length);
  for (let i = 0; i < rows; i++) {
    const l = left[i];
    const r = right[i];
    w.line([l?.[0] ?? "", l ? String(i + 1) : "", l?.[1] ?? null, r?.[0] ?? "", r ? String(40 + i) : "", r?.[1] ?? null]);
  }
  w.line(["本年收入合计", "", sp.incomeTotal, "本年支出合计", "", sp.spendingTotal]);
  w.line(["使用非财政拨款结余", "", sp.useNonFiscal, "结余分配", "", sp.distribution]);
  w.line(["年初结转和结余", "", sp.openingBalance, "年末结转和结余", "", sp.closingBalance]);
  w.line(["总计", "", sp.incomeGrand, "总计", "", sp.spendingGrand]);
}

function writeSubjects(
  wb: ExcelJS.Workbook,
  sheet: string,
  title: string,
  number: string,
  sp: Spec,
  prov: Provenance[],
  heads: string[],
  totals: F[],
  pick: (r: SubjectRow) => F[] | undefined,
): void {
  const w = new SheetWriter(wb, sheet, prov);
  const width = 2 + heads.length;
  w.widths([12, 34, ...heads.map(() => 15)]);
  w.title(title, number, sp.unit, width);
  w.header(
    [
      [["项目", 2], ...heads.map((h): [string, number, number] => [h, 1, 2])],
      [["科目编码"], ["科目名称"]],
      [["栏次", 2], ...heads.map((_, i): [string] => [String(i + 1)])],
    ],
    width,
  );
  w.line(["合计", "", ...totals]);
  for (const r of sp.subjects) {
    const figs = pick(r);
    if (!figs) continue;
    w.line([r.code, r.name, ...figs]);
  }
}

function write04(wb: ExcelJS.Workbook, sp: Spec, prov: Provenance[]): void {
  const w = new SheetWriter(wb, "公开04表 财政拨款收入支出决算总表", prov);
  w.widths([30, 6, 14, 30, 6, 14, 16, 16, 16]);
  w.title("财政拨款收入支出决算总表", "公开04表", sp.unit, 9);
  w.header(
    [
      [["收入", 3], ["支出", 6]],
      [["项目"], ["行次"], ["金额"], ["项目"], ["行次"], ["合计"], ["一般公共预算财政拨款"], ["政府性基金预算财政拨款"], ["国有资本经营预算财政拨款"]],
      [["栏次"], [""], ["1"], ["栏次"], [""], ["2"], ["3"], ["4"], ["5"]],
    ],
    9,
  );
  const f = sp.fiscal;
  const left: Array<[string, F]> = [
    ["一、一般公共预算财政拨款", f.income[0]],
    ["二、政府性基金预算财政拨款", f.income[1]],
    ["三、国有资本经营预算财政拨款", f.income[2]],
  ];
  CLASSES.forEach(([code, name], i) => {
    const l = left[i];
    const figs = f.classes[code] ?? [];
    w.line([l?.[0] ?? "", l ? String(i + 1) : "", l?.[1] ?? null, `${numeral(i)}、${name}`, String(40 + i), ...[0, 1, 2, 3].map((k) => figs[k] ?? null)]);
  });
  w.line(["本年收入合计", "", f.incomeTotal, "本年支出合计", "", ...f.spendingTotal]);
  w.line(["年初财政拨款结转和结余", "", f.opening[0], "年末财政拨款结转和结余", "", ...f.closing]);
  w.line(["  一般公共预算财政拨款", "", f.opening[1], "", "", null, null, null, null]);
  w.line(["  政府性基金预算财政拨款", "", f.opening[2], "", "", null, null, null, null]);
  w.line(["  国有资本经营预算财政拨款", "", f.opening[3], "", "", null, null, null, null]);
  w.line(["总计", "", f.grand, "总计", "", ...f.spendingGrand]);
}

function write06(wb: ExcelJS.Workbook, sp: Spec, prov: Provenance[]): void {
  const w = new SheetWriter(wb, "公开06表 一般公共预算财政拨款基本支出决算表", prov);
  w.widths([12, 28, 15, 12, 28, 15]);
  w.title("一般公共预算财政拨款基本支出决算表", "公开06表", sp.unit, 6);
  w.header(
    [
      [["人员经费", 3], ["公用经费", 3]],
      [["科目编码"], ["科目名称"], ["决算数"], ["科目编码"], ["科目名称"], ["决算数"]],
    ],
    6,
  );
  w.line(["", "人员经费合计", sp.personnel, "", "公用经费合计", sp.publicUse]);
  w.note("注：公开说明只列出人员经费、公用经费所含经济分类款名，未列金额，故本表仅列合计（见 final-accounts.md）。");
}

function writeFund(wb: ExcelJS.Workbook, sheet: string, title: string, number: string, sp: Spec, prov: Provenance[], figs: F[] | undefined, note?: string): void {
  const w = new SheetWriter(wb, sheet, prov);
  w.widths([12, 30, 14, 14, 14, 14, 14, 14]);
  w.title(title, number, sp.unit, 8);
  w.header(
    [
      [["项目", 2], ["年初结转和结余", 1, 2], ["本年收入", 1, 2], ["本年支出", 3], ["年末结转和结余", 1, 2]],
      [["科目编码"], ["科目名称"], ["小计"], ["基本支出"], ["项目支出"]],
      [["栏次", 2], ["1"], ["2"], ["3"], ["4"], ["5"], ["6"]],
    ],
    8,
  );
  w.line(["合计", "", ...(figs ?? Z(6))]);
  if (note) w.note(note);
}

function write09(wb: ExcelJS.Workbook, sp: Spec, prov: Provenance[]): void {
  const w = new SheetWriter(wb, "公开09表 财政拨款“三公”经费支出决算表", prov);
  w.widths(Array.from({ length: 12 }, () => 13));
  w.title("财政拨款“三公”经费支出决算表", "公开09表", sp.unit, 12);
  const block = (name: string): Array<Array<[string, number?, number?]>> => [
    [[name, 6]],
    [["合计", 1, 2], ["因公出国（境）费", 1, 2], ["公务用车购置及运行维护费", 3], ["公务接待费", 1, 2]],
    [["小计"], ["公务用车购置费"], ["公务用车运行费"]],
  ];
  const b = block("预算数");
  const f = block("决算数");
  w.header(
    [
      [...b[0], ...f[0]],
      [...b[1], ...f[1]],
      [...b[2], ...f[2]],
      Array.from({ length: 12 }, (_, i): [string] => [String(i + 1)]),
    ],
    12,
  );
  w.line([...sp.threePublicBudget, ...sp.threePublicFinal]);
}

/** The 第二部分 text of a seed: its paragraphs from 第二部分 to the first table or 第三部分. */
export function narrativeParagraphs(seedText: string): string[] {
  const lines = seedText.replace(/\r/g, "").split("\n");
  const start = lines.findIndex((l) => /^\s*第二部分/.test(l));
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.startsWith("\t") || /^\s*第三部分/.test(line)) break;
    const t = line.replace(/\[bookmark:[^\]]*\]/gi, "").trim();
    if (t) out.push(t);
  }
  return out;
}

async function build(sp: Spec, prov: Provenance[]): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "disclosure-check fixtures";
  write01(wb, sp, prov);
  writeSubjects(wb, "公开02表 收入决算表", "收入决算表", "公开02表", sp, prov,
    ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"], sp.incomeTotals, (r) => r.income);
  writeSubjects(wb, "公开03表 支出决算表", "支出决算表", "公开03表", sp, prov,
    ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], sp.expenditureTotals, (r) => r.expenditure);
  write04(wb, sp, prov);
  writeSubjects(wb, "公开05表 一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表", "公开05表", sp, prov,
    ["本年支出合计", "基本支出", "项目支出"], sp.generalTotals, (r) => r.general);
  write06(wb, sp, prov);
  writeFund(wb, "公开07表 政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", "公开07表", sp, prov, sp.fund, sp.fundNote);
  writeFund(wb, "公开08表 国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表", "公开08表", sp, prov, undefined, sp.stateCapitalNote);
  write09(wb, sp, prov);
  const paragraphs = narrativeParagraphs(fs.readFileSync(path.join(SEEDS, sp.seed), "utf8"));
  const ws = wb.addWorksheet("公开说明");
  ws.getColumn(1).width = 120;
  paragraphs.forEach((p, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = p;
    c.alignment = { wrapText: true, vertical: "top" };
  });
  await wb.xlsx.writeFile(path.join(OUT, `final-accounts-${sp.id}.xlsx`));
  return paragraphs;
}

function readme(all: Array<{ sp: Spec; prov: Provenance[] }>): string {
  const out: string[] = [
    "# final-accounts-000/001/002.xlsx: the nine 部门决算 tables rebuilt from the seeds' text",
    "",
    "Generated by `npm run fixtures:accounts` (scripts/build-final-accounts.ts) from `../shared/seeds/`. Do not edit by hand.",
    "",
    "The seeds do not contain the nine tables' grids (rules-reference §1); their 第二部分 text states most of",
    "the figures. Each workbook has one sheet per table (公开01表 … 公开09表) and the 第二部分 text, one paragraph",
    "per cell, in the sheet 公开说明. Layouts follow the 2024 部门决算公开 templates: 01 and 04 two-sided with",
    "行次 and a 栏次 row; 02, 03 and 05 with 科目编码 / 科目名称 and every 类, 款 and 项 the text names; 06 with",
    "人员经费 / 公用经费 halves; 07 and 08 with 年初 / 本年收入 / 本年支出 (小计, 基本, 项目) / 年末; 09 with",
    "预算数 and 决算数 blocks. Empty template rows (类 with no money) are left blank, as published.",
    "",
    "Every amount cell is one of: **stated** (the figure appears in the text; the test",
    "`test/tables/accounts.test.ts` checks each one against the 公开说明 sheet), **derived** (computed from stated",
    "figures by an identity), or **assumed** (the text does not give it; the choice is named below). Nothing else",
    "was invented. Where the text's own figures disagree by 0.01 (舍位), the stated figures are kept, so those",
    "identities show as `info` (rounding) findings, not errors.",
    "",
    "What the text does not give, for all three documents:",
    "- 02/03 by subject: the text gives subject amounts for 一般公共预算财政拨款 only; income from other sources",
    "  and spending of non-fiscal money are not broken down by subject (assumption per document below).",
    "- 05 基本支出 / 项目支出 by subject: not given; only the totals (assumption per document below).",
    "- 06 detail: the text names the 经济分类 items of 人员经费 and 公用经费 without amounts, so 06 carries only",
    "  the two totals.",
    "- Income by subject (02) for 财政拨款: taken equal to 一般公共预算 spending by subject, since 年初 and 年末",
    "  财政拨款结转和结余 are both 0.00 in every document.",
    "- Subject codes: the text names subjects (类/款/项) without codes; codes are those of the 2024 政府收支分类科目.",
    "",
  ];
  for (const { sp, prov } of all) {
    const counts = { stated: 0, derived: 0, assumed: 0 };
    for (const p of prov) counts[p.figure.how]++;
    out.push(`## ${sp.id} ${sp.unit} (${sp.seed})`, "");
    out.push(`${prov.length} amount cells: ${counts.stated} stated, ${counts.derived} derived, ${counts.assumed} assumed.`, "");
    out.push("| sheet | cell | figure | how | from |", "|---|---|---|---|---|");
    for (const p of prov) {
      if (p.figure.how === "stated") continue;
      out.push(`| ${p.sheet} | ${p.cell} | ${p.figure.text} | ${p.figure.how} | ${p.figure.note ?? ""} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const all: Array<{ sp: Spec; prov: Provenance[] }> = [];
  for (const sp of SPECS) {
    const prov: Provenance[] = [];
    await build(sp, prov);
    all.push({ sp, prov });
    console.log(`final-accounts-${sp.id}.xlsx: ${prov.length} amount cells`);
  }
  fs.writeFileSync(path.join(OUT, "final-accounts.md"), readme(all));
  fs.writeFileSync(
    path.join(OUT, "final-accounts-provenance.json"),
    JSON.stringify(Object.fromEntries(all.map(({ sp, prov }) => [sp.id, prov.map((p) => ({ sheet: p.sheet, cell: p.cell, ...p.figure }))])), null, 1),
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
