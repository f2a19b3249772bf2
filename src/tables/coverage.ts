/**
 * Coverage you can see: which roles a recognised table mapped (to which header cells), which header cells
 * no role could be given, how many of its stated figures were checked, and the table-level findings that
 * keep a table from passing in silence:
 *
 * - `table.not-checked` (warning): the table was recognised but not one of its figures was checked;
 * - `table.unmapped-column` (warning): a header the vocabulary does not know stands over figures.
 *
 * Both say which headers were not understood and what to do (指定列 / Map columns in the pane,
 * `--layout` in the CLI).
 */
import { say, type Said } from "../rules/messages";
import { toA1 } from "../rules/address";
import { accountsName, type AccountsTable } from "../rules/accounts/types";
import { cellText, isPlaceholder } from "../rules/parse";
import type { Finding, SelfEvaluationTable, StatedCell } from "../rules/types";

/** Stated figures checked out of stated figures present. */
export interface Coverage {
  checked: number;
  present: number;
}

const key = (c: StatedCell): number => c.row * 16384 + c.col;

function isFigure(c: StatedCell | undefined): c is StatedCell {
  if (!c) return false;
  const t = cellText(c).trim();
  return t !== "" && /\d/.test(t) && !isPlaceholder(t);
}

/** The stated figures of a self-evaluation table: amounts, rates, 分值, 权重, 得分, 完成率, totals. */
export function statedFigures(t: SelfEvaluationTable): StatedCell[] {
  const out: StatedCell[] = [];
  const seen = new Set<number>();
  // Each figure once, at its first mention (a cell can be both a row's figure and a group's).
  const add = (c: StatedCell | undefined) => {
    if (isFigure(c) && !seen.has(key(c))) {
      seen.add(key(c));
      out.push(c);
    }
  };
  for (const r of t.fund?.rows ?? []) {
    add(r.budgetInitial);
    add(r.budgetFull);
    add(r.executed);
    add(r.points);
    add(r.rate);
    add(r.score);
  }
  if (t.fund?.points?.fromLabel) add(t.fund.points);
  for (const b of t.fund?.breakdowns ?? []) {
    add(b.total);
    for (const p of b.parts) add(p.cell);
  }
  for (const r of t.indicators) {
    add(r.weight);
    add(r.completionRate);
    add(r.score);
  }
  add(t.total?.weight);
  add(t.total?.score);
  for (const g of t.groups) add(g.points);
  for (const b of t.blocks) add(b.points);
  return out;
}

/** The stated amounts of a 部门决算 or 三公 table (and its change cells). */
export function statedAmounts(t: AccountsTable): StatedCell[] {
  const out: StatedCell[] = [];
  const seen = new Set<number>();
  const add = (c: StatedCell | undefined) => {
    if (isFigure(c) && !seen.has(key(c))) {
      seen.add(key(c));
      out.push(c);
    }
  };
  for (const l of t.lines) Object.values(l.amounts).forEach(add);
  for (const ch of t.changes ?? []) [...Object.values(ch.amount), ...Object.values(ch.rate)].forEach(add);
  return out;
}

/** Coverage of a table from its stated figures and the cells its checks covered. */
export function coverageOf(figures: StatedCell[], covered: Set<number>): Coverage {
  return { present: figures.length, checked: figures.filter((c) => covered.has(key(c))).length };
}

/** Role → A1 address of its header cell (`{ "fund.executed": "E4", "indicator.actual": "G10" }`). */
export function columnsA1(t: SelfEvaluationTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const role in t.columns) out[role] = toA1(t.columns[role].row, t.columns[role].col);
  return out;
}

/** The notes of table.not-checked and table.unmapped-column, by id. */
export const MESSAGES = {
  textNotChecked: {
    zh: "复核：找到说明文字，但其中没有可复核的数字表述（占比、增减、合计或与报表一致的金额）。",
    en: "Check: text was found, but no figure in it could be checked (shares, changes, sums or amounts from the tables).",
  },
  unmappedColumn: {
    zh: "复核：表头「{header}」下有数字，但未能识别该列的用途，该列未复核。请在任务窗格中点「指定列」为它指定用途（命令行：--layout）。",
    en: 'Check: the column headed "{header}" holds figures, but its role was not recognised; it was not checked. Use "Map columns" in the pane (CLI: --layout) to give it a role.',
  },
  tableUnmapped: {
    zh: "复核：已识别{table}，但未能复核其中任何数字。未能识别的表头：{headers}。请在任务窗格中点「指定列」为这些列指定用途（命令行：--layout），再重新校验。",
    en: 'Check: the table was recognised, but none of its figures could be checked: headers not recognised: {headersEn}. Use "Map columns" in the pane (CLI: --layout), then validate again.',
  },
  tableNoFigures: {
    zh: "复核：已识别{table}，但未能复核其中任何数字。表中没有可复核的数字（各项均为空或无法与目标值比较）。",
    en: "Check: the table was recognised, but none of its figures could be checked: the table holds no figure that can be checked (all blank, or not comparable).",
  },
  accountsBlank: {
    zh: "复核：{table}各项金额均为空（本单位无此类收支），无可复核的数字。",
    en: "Check: every amount of the table is blank (no such income or spending); there is nothing to check.",
  },
  accountsNoTies: {
    zh: "复核：已识别{table}，但其中没有可相互勾稽的金额（只有孤立的数，或相关各项为空），未能复核。",
    en: "Check: the table was recognised, but none of its amounts ties to another (single figures, or their parts blank); nothing was checked.",
  },
} as const;

/** A table-level finding (`table.not-checked` / `table.unmapped-column`) at a cell, with nothing recomputed. */
function tableFinding(
  rule: "table.not-checked" | "table.unmapped-column",
  severity: Finding["severity"],
  cell: StatedCell,
  stated: string,
  index: number,
  profile: string,
  said: Said,
): Finding {
  return {
    rule,
    severity,
    category: "reading",
    row: cell.row,
    col: cell.col,
    cell: toA1(cell.row, cell.col),
    stated,
    expected: "",
    formula: "",
    ...said,
    profile,
    table: index,
  };
}

/** The 公开说明 text found, but no claim in it could be checked: said, as info, at its first paragraph. */
export function narrativeNotChecked(first: StatedCell, index: number, profile: string): Finding {
  return tableFinding(
    "table.not-checked",
    "info",
    first,
    cellText(first).trim().slice(0, 40),
    index,
    profile,
    say(MESSAGES, "textNotChecked"),
  );
}

function quoted(texts: string[]): string {
  return texts.map((t) => `「${t.replace(/\s+/g, "")}」`).join("");
}

function tableName(t: { title: string }, fallback: string): string {
  const title = t.title.trim();
  return title ? `「${title.length > 24 ? title.slice(0, 24) + "…" : title}」` : fallback;
}

/**
 * The table-level findings of a self-evaluation table: one `table.unmapped-column` per header that stands
 * over figures without a role, and `table.not-checked` when no figure was checked.
 * Inputs: the table, its index in the result, its check count, and the profile id to report under.
 */
export function selfEvaluationCoverageFindings(
  t: SelfEvaluationTable,
  index: number,
  checks: number,
  profile: string,
): Finding[] {
  const out: Finding[] = [];
  const name = tableName(t, t.kind === "unit-self-evaluation" ? "本单位整体支出绩效自评表" : "本项目支出绩效自评表");
  for (const u of t.unmapped) {
    if (!u.numeric) continue;
    const text = u.text.replace(/\s+/g, "");
    out.push(
      tableFinding(
        "table.unmapped-column",
        "warning",
        u.cell,
        text,
        index,
        profile,
        say(MESSAGES, "unmappedColumn", { header: text }),
      ),
    );
  }
  if (checks === 0) {
    const where = t.titleCell ?? t.total?.score ?? t.indicators[0]?.score;
    if (where) {
      const unknown = t.unmapped.map((u) => u.text);
      out.push(
        tableFinding(
          "table.not-checked",
          "warning",
          where,
          cellText(where).trim().slice(0, 40),
          index,
          profile,
          unknown.length
            ? say(MESSAGES, "tableUnmapped", {
                table: name,
                headers: quoted(unknown),
                headersEn: unknown.map((x) => `"${x}"`).join(", "),
              })
            : say(MESSAGES, "tableNoFigures", { table: name }),
        ),
      );
    }
  }
  return out;
}

/** `table.not-checked` for a 部门决算 / 三公 table none of whose amounts could be checked. */
export function accountsCoverageFindings(t: AccountsTable, index: number, checks: number, profile: string): Finding[] {
  if (checks > 0) return [];
  const c = t.titleCell;
  const name = accountsName(t);
  const blank = statedAmounts(t).length === 0;
  return [
    tableFinding(
      "table.not-checked",
      // A table with every amount blank (no 政府性基金 …) has nothing to check: said, but not highlighted.
      blank ? "info" : "warning",
      c,
      cellText(c).trim().slice(0, 40),
      index,
      profile,
      say(MESSAGES, blank ? "accountsBlank" : "accountsNoTies", { table: name }),
    ),
  ];
}
