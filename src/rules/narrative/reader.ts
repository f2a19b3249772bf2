/**
 * The sentence reader every 公开说明 claim shares: paragraphs into sentences and figures (an amount in 万元 or
 * 元, a rate in %, or a count in 辆, 个, 批次 …), each figure with the label written before it.
 */
import { Decimal } from "../decimal";
import { normalizeText } from "../parse";
import type { StatedCell } from "../types";

/** One paragraph of the text and the cell that holds it. */
export interface NarrativeParagraph {
  text: string;
  cell: StatedCell;
}

/** Count units the text states (公务用车保有量12辆, 出国团组2个, 接待批次15批次). */
export type CountUnit = "辆" | "个" | "人次" | "人" | "批次" | "批" | "次" | "家" | "台" | "套";
const FIG_RE = /(-?\d[\d,]*(?:\.\d+)?)(万元|元|%|辆|人次|批次|个|人|批|次|家|台|套)/g;
const DELIMS = "，,。；;：:、";

/** A figure of the text: its value as written, its unit, where it stands and the label before it. */
export interface Fig {
  value: Decimal;
  decimals: number;
  /** 万元 / 元 (money), % (a rate), or a count unit (辆, 个, 人次, 批次 …). */
  unit: "万元" | "元" | "%" | CountUnit;
  start: number;
  end: number;
  /** Text between the previous delimiter and the number, e.g. 财政拨款收入, 比上年决算减少, 占. */
  label: string;
  sentence: number;
  raw: string;
}

/** A paragraph as read: its normalised text, figures, section heading and sentence starts. */
export interface Para {
  index: number;
  text: string;
  figs: Fig[];
  section: string;
  /** Sentence start offsets. */
  sentences: number[];
  numbered: boolean;
  heading: boolean;
}

/** Normalises a paragraph for reading: full-width forms, and no whitespace (PDF text breaks numbers). */
export function normalizeParagraph(text: string): string {
  return normalizeText(text).replace(/\s+/g, "");
}

export function tokenize(index: number, text: string, section: string): Para {
  const t = normalizeParagraph(text);
  const sentences = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === "。" && i + 1 < t.length) sentences.push(i + 1);
  const sentenceOf = (pos: number) => sentences.filter((s) => s <= pos).length - 1;
  const figs: Fig[] = [];
  let prevEnd = 0;
  for (const m of t.matchAll(FIG_RE)) {
    const start = m.index!;
    if (start > 0 && /[\d.]/.test(t[start - 1])) continue;
    let from = start;
    while (from > prevEnd && !DELIMS.includes(t[from - 1])) from--;
    const numText = m[1].replace(/,/g, "");
    const decimals = numText.includes(".") ? numText.split(".")[1].length : 0;
    let value: Decimal;
    try {
      value = new Decimal(numText);
    } catch {
      continue;
    }
    figs.push({
      value,
      decimals,
      unit: m[2] as Fig["unit"],
      start,
      end: start + m[0].length,
      label: t.slice(from, start),
      sentence: sentenceOf(start),
      raw: m[0],
    });
    prevEnd = start + m[0].length;
  }
  return {
    index,
    text: t,
    figs,
    section,
    sentences,
    numbered: /^\d+[.．、]/.test(t),
    heading:
      /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/.test(t) &&
      figs.length === 0,
  };
}

/**
 * Reads every paragraph, carrying the section (一、… 二、…) a paragraph stands under.
 * Input: the paragraphs in reading order. Output: one Para per paragraph, in the same order.
 */
export function readParagraphs(paragraphs: NarrativeParagraph[]): Para[] {
  let section = "";
  return paragraphs.map((p, i) => {
    const n = normalizeParagraph(p.text);
    if (/^[一二三四五六七八九十]+、/.test(n)) section = n;
    return tokenize(i, p.text, section);
  });
}

/** An amount (万元 or 元). */
export const isMoney = (f: Fig): boolean => f.unit === "万元" || f.unit === "元";
/** A count (辆, 个, 批次 …). */
export const isCount = (f: Fig): boolean => !isMoney(f) && f.unit !== "%";
/** An amount of change against the prior year (比上年增加/减少 D万元). */
export const isChangeAmount = (p: Para, f: Fig): boolean =>
  isMoney(f) && /(增加|减少)$/.test(f.label) && /上年|同比/.test(p.text.slice(p.sentences[f.sentence], f.start));
/** A 预算数 or 决算数 of a budget-variance pair. */
export const isBudgetPair = (f: Fig): boolean => /(预算数|决算数)$/.test(f.label);
/** The paragraph's first amount that is not a change. */
export const firstMoney = (p: Para): Fig | undefined => p.figs.find((f) => isMoney(f) && !isChangeAmount(p, f));

/** Parentheses depth at a position of a text: a part inside (…) belongs to the part before it. */
export function parenDepth(text: string, pos: number): number {
  let d = 0;
  for (let i = 0; i < pos; i++) {
    if (text[i] === "（" || text[i] === "(") d++;
    else if ((text[i] === "）" || text[i] === ")") && d > 0) d--;
  }
  return d;
}

/** The words a claim quotes: from the start of its clause (at most 40 characters back) to `to`. */
export function quoteOf(p: Para, from: number, to: number): string {
  let a = from;
  while (a > 0 && !"，。；;".includes(p.text[a - 1]) && from - a < 40) a--;
  return p.text.slice(a, to);
}

/** A label without its leading year, 本年度 or 其中. */
export function stripYear(label: string): string {
  return label.replace(/^\d{4}年度?/, "").replace(/^(本年度|其中)/, "");
}

/**
 * Splits text whose lines wrap inside paragraphs (text flattened from a PDF) into paragraphs: a new
 * paragraph starts after a line ending in 。 or at a heading (一、, （一）, 第二部分) or a numbered item (1.).
 * Input: the text. Output: the paragraphs, whitespace inside them removed.
 */
export function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const raw of text.replace(/\r/g, "").split("\n")) {
    const line = raw.replace(/\[bookmark:[^\]]*\]/gi, "").trim();
    if (!line) continue;
    const starts =
      /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分|\d+\.[^\d])/.test(line);
    if (starts && cur) {
      out.push(cur);
      cur = "";
    }
    cur += line;
    if (/。$/.test(line) || (starts && !/[，。；：:]/.test(line) && line.length <= 40)) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out.map((p) => p.replace(/\s+/g, ""));
}
