/**
 * narrative.table-tie — a figure of the text against the table cell it quotes (rules-reference §5): 本年收入 ↔
 * 01 本年收入合计, 基本支出 ↔ 03 合计 基本支出, each 类/款/项 ↔ 05, 三公 ↔ 09 …, found by section and label, when
 * the workbook holds the tables. One unit of the last digit written off is rounding (info).
 */
import { toA1 } from "../address";
import { newContext, readAmount } from "../accounts/amounts";
import type { PlacedAccountsTable } from "../accounts/ties";
import { accountsName, type AccountsLine } from "../accounts/types";
import { Decimal, grouped, roundHalfUp } from "../decimal";
import { say } from "../messages";
import type { StatedCell } from "../types";
import type { ClaimCheck } from "./context";
import { isChangeAmount, isMoney, quoteOf, stripYear, type Fig, type Para } from "./reader";

/** The notes of narrative.table-tie, by id. */
export const MESSAGES = {
  noLine: {
    zh: "复核：说明中「{quote}」在{table}中找不到对应的行。",
    en: 'Check: the text\'s "{quote}" has no matching line in {table}.',
  },
  tie: {
    zh: "复核：说明中「{quote}」与{table}（{where}）{stated} 不一致。",
    en: 'Check: the text\'s "{quote}" does not match {table} ({where}) {statedEn}.',
  },
} as const;

export const tableTieClaim: ClaimCheck = {
  kind: "table-tie",
  evaluate(ctx) {
    const { tables } = ctx;
    if (tables.length === 0) return;
    ctx.paras.forEach((p, pi) => {
      for (const f of p.figs) {
        if (!isMoney(f) || isChangeAmount(p, f)) continue;
        const target = tieTarget(p, f, tables);
        if (!target) continue;
        ctx.found("table-tie");
        const quote = quoteOf(p, f.start, f.end);
        const order = { paragraph: pi, pass: 2, at: f.start };
        if (target.cell === null) {
          if (!f.value.isZero())
            ctx.report(p, "table-tie", "error", order, {
              quote,
              expected: "",
              formula: target.name,
              said: say(MESSAGES, "noLine", { quote, table: target.name }),
            });
          continue;
        }
        const c = target.cell;
        const where = `${target.at.sheetName ? target.at.sheetName + "!" : ""}${toA1(c.row, c.col)}`;
        // The table's own checks report an unreadable cell; here it only stops the comparison.
        const read = readAmount(newContext(target.at.tableIndex, ctx.profile, target.at.table.unit), c, target.name);
        if (read === "unreadable") continue;
        const at = roundHalfUp(read ? read.value : new Decimal(0), f.decimals);
        const diff = at.minus(f.value).abs();
        if (diff.isZero()) continue;
        const unit = new Decimal(1).div(new Decimal(10).pow(f.decimals));
        ctx.report(p, "table-tie", diff.lte(unit) ? "info" : "error", order, {
          quote,
          expected: grouped(at, f.decimals),
          formula: `${target.name} ${c.text}`,
          related: [where],
          said: say(MESSAGES, "tie", {
            quote,
            table: target.name,
            where,
            stated: c.text || "（空）",
            statedEn: c.text || "(blank)",
          }),
        });
      }
    });
  },
};

/** A label without year, 其中, trailing 为/是/支出 and parenthetical remarks. */
function core(label: string): string {
  return stripYear(label)
    .replace(/（含[^）]*）|\(含[^)]*\)/g, "")
    .replace(/^(其中|包括)[:：]?/, "")
    .replace(/(为|是)$/, "");
}

interface TieTarget {
  at: PlacedAccountsTable;
  cell: StatedCell | null;
  name: string;
}

function findTable(tables: PlacedAccountsTable[], kind: PlacedAccountsTable["table"]["kind"]) {
  return tables.find((t) => t.table.kind === kind);
}

function lineCell(
  at: PlacedAccountsTable | undefined,
  group: string,
  label: string,
  key?: string,
): TieTarget | undefined {
  if (!at) return undefined;
  const l = at.table.lines.find((x) => x.group === group && x.label === label);
  if (!l) return undefined;
  const k = key ?? Object.keys(l.amounts)[0];
  const cell = l.amounts[k];
  if (!cell) return undefined;
  return { at, cell, name: `${accountsName(at.table)} ${label}${k === "金额" ? "" : ` ${k}`}` };
}

function totalKey(at: PlacedAccountsTable): string {
  const l = at.table.lines.find((x) => x.label === "合计" && !x.code);
  return ["本年支出合计", "合计", "本年支出"].find((k) => l?.amounts[k]) ?? "合计";
}

/** The table cell a figure of the text quotes, by section and label; null cell = the table has no such line. */
function tieTarget(p: Para, f: Fig, tables: PlacedAccountsTable[]): TieTarget | undefined {
  const s = p.section;
  const label = core(f.label);
  const t01 = findTable(tables, "income-expenditure-summary");
  const t02 = findTable(tables, "income");
  const t03 = findTable(tables, "expenditure");
  const t04 = findTable(tables, "fiscal-income-expenditure-summary");
  const t05 = findTable(tables, "general-budget-expenditure");
  const t06 = findTable(tables, "general-budget-basic-expenditure");
  const t09 = findTable(tables, "three-public-expenses");
  if (/^一、收入支出决算总体/.test(s)) {
    const m = /(收入总计|本年收入合计|使用非财政拨款结余|年初结转和结余)$/.exec(label);
    if (m) return lineCell(t01, "收入", m[1] === "收入总计" ? "总计" : m[1]);
    const n = /(支出总计|本年支出合计|结余分配|年末结转和结余)$/.exec(label);
    if (n) return lineCell(t01, "支出", n[1] === "支出总计" ? "总计" : n[1]);
    return undefined;
  }
  if (/^二、收入决算情况/.test(s)) {
    if (label === "本年收入") return lineCell(t01, "收入", "本年收入合计");
    if (/^(财政拨款收入|上级补助收入|事业收入|经营收入|附属单位上缴收入|其他收入)$/.test(label))
      return lineCell(t02, "", "合计", label);
    return undefined;
  }
  if (/^三、支出决算情况/.test(s)) {
    if (label === "本年支出") return lineCell(t01, "支出", "本年支出合计");
    if (/^(基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出)$/.test(label))
      return lineCell(t03, "", "合计", label);
    return undefined;
  }
  if (/^四、财政拨款收入支出决算总体/.test(s)) {
    const map: Record<string, [string, string, string?]> = {
      财政拨款收入总计: ["收入", "总计"],
      年初财政拨款结转和结余: ["收入", "年初财政拨款结转和结余"],
      本年财政拨款收入: ["收入", "本年收入合计"],
      财政拨款支出总计: ["支出", "总计", "合计"],
      年末财政拨款结转和结余: ["支出", "年末财政拨款结转和结余", "合计"],
      本年财政拨款支出: ["支出", "本年支出合计", "合计"],
    };
    const m = map[label];
    return m ? lineCell(t04, m[0], m[1], m[2]) : undefined;
  }
  if (/^五、一般公共预算财政拨款支出决算/.test(s) && t05) {
    if (/一般公共预算财政拨款支出$/.test(label)) return lineCell(t05, "", "合计", totalKey(t05));
    const item = /^\d+[.．、](.+?)\(类\)(?:(.+?)\(款\)(.+?)\(项\))?/.exec(p.text);
    if (item && p.figs.filter(isMoney)[0] === f) {
      const path = [item[1], item[2], item[3]].filter(Boolean) as string[];
      const line = subjectLine(t05.table.lines, path);
      const name = `公开05表「${path.join("/")}」${totalKey(t05)}`;
      return { at: t05, cell: line ? (line.amounts[totalKey(t05)] ?? null) : null, name };
    }
    return undefined;
  }
  if (/^六、一般公共预算财政拨款基本支出/.test(s)) {
    if (/基本支出$/.test(label) && t05) return lineCell(t05, "", "合计", "基本支出");
    if (label === "人员经费") return lineCell(t06, "人员经费", "人员经费合计");
    if (label === "公用经费") return lineCell(t06, "公用经费", "公用经费合计");
    return undefined;
  }
  if (/^[七八]、/.test(s) && /政府性基金|国有资本经营/.test(s)) {
    const at = findTable(tables, /政府性基金/.test(s) ? "government-fund" : "state-capital-operation");
    if (!at) return undefined;
    const m = /(年初结转和结余|本年收入|年末结转和结余|本年支出)$/.exec(label);
    if (m && !/总计/.test(label)) return lineCell(at, "", "合计", m[1]);
    if (/财政拨款支出$/.test(label) && !/总计/.test(label)) return lineCell(at, "", "合计", "本年支出");
    const item = /^\d+[.．、](.+?)\(类\)(.+?)\(款\)(.+?)\(项\)/.exec(p.text);
    if (item && p.figs.filter(isMoney)[0] === f) {
      const line = subjectLine(at.table.lines, [item[1], item[2], item[3]]);
      return {
        at,
        cell: line ? (line.amounts["本年支出"] ?? null) : null,
        name: `${at.table.title}「${item[3]}」本年支出`,
      };
    }
    return undefined;
  }
  if (/三公/.test(s) && t09) {
    const budget = /全年预算数$/.test(f.label);
    const final = /决算数$/.test(f.label) && !budget;
    let subject = budget ? f.label.replace(/全年预算数$/, "") : f.label;
    if (final) {
      const b = [...p.figs].reverse().find((g) => g.end <= f.start && /全年预算数$/.test(g.label));
      subject = b ? b.label.replace(/全年预算数$/, "") : "";
    }
    const key = threePublicKey(core(subject));
    if (!key) return undefined;
    const block = budget ? "预算数" : "决算数";
    const line = t09.table.lines.find((l) => l.group === block) ?? t09.table.lines[0];
    const cell = line?.amounts[key];
    return cell ? { at: t09, cell, name: `公开09表 ${block} ${key}` } : undefined;
  }
  return undefined;
}

function threePublicKey(subject: string): string | undefined {
  const s = subject.replace(/支出$/, "");
  if (/三公.?经费$/.test(s)) return "合计";
  if (/因公出国（境）费$|因公出国\(境\)费$/.test(s)) return "因公出国（境）费";
  if (/公务用车购置及运行维护费$/.test(s)) return "公务用车购置及运行维护费";
  if (/公务用车购置费$/.test(s)) return "公务用车购置费";
  if (/公务用车运行维护费$/.test(s)) return "公务用车运行维护费";
  if (/公务接待费$/.test(s)) return "公务接待费";
  return undefined;
}

/** The line of a subject table for a 类/款/项 name path, following codes. */
function subjectLine(lines: AccountsLine[], path: string[]): AccountsLine | undefined {
  let prefix = "";
  let found: AccountsLine | undefined;
  for (const name of path) {
    found = lines.find(
      (l) =>
        l.code &&
        l.code.startsWith(prefix) &&
        l.code.length === (prefix.length === 0 ? 3 : prefix.length + 2) &&
        l.label === name,
    );
    if (!found) return undefined;
    prefix = found.code!;
  }
  return found;
}
