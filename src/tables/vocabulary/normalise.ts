/**
 * Header normalisation and role matching, shared by every table finder.
 *
 * A printed header carries more than its words: `预算数(A)`, `执行率(B/A)`, `项目资金(元)`, `得分(20分*执行率)`,
 * `产出指标(50分)`. `normaliseHeader` strips those annotations so that the words can be matched against the
 * vocabulary, and keeps what they say (the amount unit, a weight in points, the A/B letter).
 * The vocabulary itself is data (selfEvaluation.ts, accounts.ts); nothing here knows a table kind.
 */

/** What a header's bracketed annotations say. */
export interface HeaderAnnotations {
  /** `(万元)`, `(元)`, `单位：元` → the amount unit of the column or block. */
  unit?: "万元" | "元" | "亿元";
  /** `(20分)`, `(20分*执行率)`, `产出指标(50分)` → the weight in points, as written ("20", "12.5"). */
  points?: string;
  /** `(A)`, `(B)`, `(B/A)` → the letter or formula the template gives the column. */
  letter?: string;
  /** `(%)` → the column holds percentages. */
  percent?: boolean;
}

export interface NormalisedHeader extends HeaderAnnotations {
  /** The words, with annotations, spaces, trailing colons and Word artefacts removed; brackets full-width. */
  label: string;
}

/**
 * Traditional → simplified characters for the words of the vocabulary, so that a table reposted in
 * traditional characters (as some mirrors of government pages are) is read by the same synonyms.
 * Only the characters that occur in header words and row labels are listed: this is a reading aid for
 * labels, never applied to figures.
 */
const TRADITIONAL_CHARS =
  "項資預數執實際績標級權總額結轉當財撥計劃設據達質時經濟會態續響滿對務體離範圍單萬門專賬戶補選評價進於與稱將類費車購運維護國夠錄説說廣築礎發層產華臺義開啟這測監證來應綜況創組幣餘雜構調後準則規強報張優負責縣鄉鎮區團輛歲統間內兩減";
const SIMPLIFIED_CHARS =
  "项资预数执实际绩标级权总额结转当财拨计划设据达质时经济会态续响满对务体离范围单万门专账户补选评价进于与称将类费车购运维护国够录说说广筑础发层产华台义开启这测监证来应综况创组币余杂构调后准则规强报张优负责县乡镇区团辆岁统间内两减";
const TRADITIONAL: ReadonlyMap<string, string> = new Map(
  [...TRADITIONAL_CHARS].map((c, i) => [c, SIMPLIFIED_CHARS[i]] as [string, string]),
);
const TRADITIONAL_RE = new RegExp(`[${TRADITIONAL_CHARS}]`, "g");
/** Whether a text holds any of those characters (a test without the replacement). */
const TRADITIONAL_ONE = new RegExp(`[${TRADITIONAL_CHARS}]`);
/** Whether a text holds any space normaliseHeader removes. */
const SPACES = /[\s\u00a0\u3000\u200b\ufeff]/;

/** Bracket contents that are annotations (never part of the words). */
const UNIT_NOTE = /^(?:单位[：:]?)?(万元|元|亿元)$/;
const POINTS_NOTE = /^(\d+(?:\.\d+)?)分(?:[*×xX].*|值)?$/;
const LETTER_NOTE = /^([A-Za-z](?:\s*[/÷／]\s*[A-Za-z])?)(?:[*×xX]100%)?$/;
const PERCENT_NOTE = /^[%％]$/;

/**
 * Normalises a header or row label and extracts its annotations.
 * Input: the cell's text as printed (any brackets, spaces, colons, line breaks, traditional characters).
 * Output: `{ label, unit?, points?, letter?, percent? }`, for example
 * `得分(20分*执行率)` → `{ label: "得分", points: "20" }`, `全年预算数（A）` → `{ label: "全年预算数", letter: "A" }`,
 * `项目资金(元)` → `{ label: "项目资金", unit: "元" }`, `年度资金总额:` → `{ label: "年度资金总额" }`.
 * Brackets that are part of the words (`因公出国（境）费`, `项目(工程)验收合格率`) are kept, full-width.
 * Never throws.
 */
export function normaliseHeader(text: string): NormalisedHeader {
  // Each step runs only when its characters occur (most labels are plain words).
  let t = String(text ?? "");
  if (t.includes("[")) t = t.replace(/\[bookmark:[^\]]*\]/gi, "");
  if (SPACES.test(t)) t = t.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "");
  if (t.includes("(")) t = t.replace(/\(/g, "（");
  if (t.includes(")")) t = t.replace(/\)/g, "）");
  if (t.includes(":")) t = t.replace(/:/g, "：");
  if (TRADITIONAL_ONE.test(t)) t = t.replace(TRADITIONAL_RE, (c) => TRADITIONAL.get(c) ?? c);
  const out: NormalisedHeader = { label: "" };
  // Annotations can follow one another: 预算执行情况（万元）（20分）.
  for (let guard = 0; guard < 6 && t.includes("（"); guard++) {
    const m = /（([^（）]*)）/g;
    let changed = false;
    t = t.replace(m, (whole, inner: string) => {
      const u = UNIT_NOTE.exec(inner);
      if (u) {
        out.unit = u[1] as NormalisedHeader["unit"];
        changed = true;
        return "";
      }
      const p = POINTS_NOTE.exec(inner);
      if (p) {
        out.points = p[1];
        changed = true;
        return "";
      }
      const l = LETTER_NOTE.exec(inner);
      if (l) {
        out.letter = l[1].replace(/\s+/g, "").toUpperCase().replace(/[÷／]/g, "/");
        changed = true;
        return "";
      }
      if (PERCENT_NOTE.test(inner)) {
        out.percent = true;
        changed = true;
        return "";
      }
      return whole;
    });
    if (!changed) break;
  }
  if (t.endsWith("元")) {
    // A bracket left open at the end (`年度预算申请(万元` cut by a line break).
    const openTail = /（(?:单位：)?(万元|元|亿元)$/.exec(t);
    if (openTail) {
      out.unit = openTail[1] as NormalisedHeader["unit"];
      t = t.slice(0, openTail.index);
    }
    // A trailing "单位：万元" written without brackets.
    const unitTail = /单位：(万元|元|亿元)$/.exec(t);
    if (unitTail) {
      out.unit = unitTail[1] as NormalisedHeader["unit"];
      t = t.slice(0, unitTail.index);
    }
  }
  out.label = t.includes("：") ? t.replace(/[：:]+$/, "").replace(/^[：:]+/, "") : t;
  return out;
}

/**
 * One column role and the header words that name it.
 * `exact`: the normalised label equals one of these. `contains`: the label contains one of these (tried
 * only when no role matched exactly, in vocabulary order). `name`: how the role is shown to the user.
 */
export interface RoleEntry<R extends string> {
  role: R;
  name: { zh: string; en: string };
  exact: readonly string[];
  contains?: readonly string[];
  /** Labels that contain a `contains` word but are not this role (e.g. 指标值设定依据 is not a target). */
  not?: readonly string[];
}

/**
 * The role a normalised label names, or null.
 * Input: a vocabulary (ordered list of role entries) and a label from `normaliseHeader(...).label`.
 * Exact matches win over `contains` matches; among `contains` matches the first entry wins.
 */
export function matchRole<R extends string>(vocabulary: readonly RoleEntry<R>[], label: string): R | null {
  if (label === "") return null;
  // Memoised per vocabulary: a sheet repeats the same labels in every table (bounded, for long sessions).
  let memo = ROLE_MEMO.get(vocabulary) as Map<string, R | null> | undefined;
  if (!memo) ROLE_MEMO.set(vocabulary, (memo = new Map()));
  let role = memo.get(label);
  if (role === undefined) {
    if (memo.size >= ROLE_MEMO_SIZE) memo.clear();
    role = matchRoleUncached(vocabulary, label);
    memo.set(label, role);
  }
  return role;
}

const ROLE_MEMO = new WeakMap<readonly RoleEntry<string>[], Map<string, string | null>>();
const ROLE_MEMO_SIZE = 20000;

function matchRoleUncached<R extends string>(vocabulary: readonly RoleEntry<R>[], label: string): R | null {
  for (const e of vocabulary) if (e.exact.includes(label)) return e.role;
  for (const e of vocabulary) {
    if (!e.contains) continue;
    if (e.not?.some((n) => label.includes(n))) continue;
    if (e.contains.some((c) => label.includes(c))) return e.role;
  }
  return null;
}

/** True when the label is one of `words` exactly, or starts with one of `prefixes`. */
export function isOneOf(label: string, words: readonly string[], prefixes: readonly string[] = []): boolean {
  return words.includes(label) || prefixes.some((p) => label.startsWith(p));
}
