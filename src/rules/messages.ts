/**
 * Message templates: each check declares its notes as named templates in both languages, with `{field}`
 * placeholders, and writes a finding's note by filling one. A finding keeps the template's id
 * (`messageId`) and the values filled in (`fields`), so tests, the working paper and other tools can read
 * the figures of a note without parsing its sentence.
 */

/** One note in both languages; `{name}` stands for a field. */
export interface MessageTemplate {
  zh: string;
  en: string;
}

/** The values a template is filled with, by name. Numbers are written as they are given. */
export type MessageFields = Record<string, string | number>;

/** A filled template: the note in both languages, with the template's id and its fields. */
export interface Said {
  messageId: string;
  fields: Record<string, string>;
  message: string;
  messageEn: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template cut at its placeholders: texts at even indices, field names at odd ones ("a{x}b" → a, x, b).
 * Cut once per template text: a validation fills the same few dozen templates thousands of times.
 */
const PARTS = new Map<string, string[]>();
function partsOf(template: string): string[] {
  let parts = PARTS.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    PARTS.set(template, parts);
  }
  return parts;
}

function fill(template: string, fields: Record<string, string>, id: string): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    if (!(name in fields)) throw new Error(`message ${id}: no value for {${name}}`);
    out += fields[name] + parts[i + 1];
  }
  return out;
}

/**
 * Fills a check's template.
 * Inputs: the check's templates, the id of the one to use, the values of its placeholders.
 * Output: the note in Chinese and English, the id and the fields as strings.
 * Throws: Error when a placeholder has no value (a programming error, caught by the tests).
 */
export function say<M extends Record<string, MessageTemplate>>(
  messages: M,
  id: keyof M & string,
  fields: MessageFields = {},
): Said {
  const t = messages[id];
  const f: Record<string, string> = {};
  for (const k in fields) f[k] = String(fields[k]);
  return { messageId: id, fields: f, message: fill(t.zh, f, id), messageEn: fill(t.en, f, id) };
}

/** The placeholders a template uses, in order (for tests that check every template's fields). */
export function placeholders(t: MessageTemplate): { zh: string[]; en: string[] } {
  const names = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return { zh: names(t.zh), en: names(t.en) };
}

/**
 * Sentences written one after another as one note: the first one's id, every sentence's fields.
 * Chinese sentences join as they are (each ends with 。), English ones with a space.
 */
export function joinSaid(first: Said, ...more: Said[]): Said {
  return more.reduce<Said>(
    (a, b) => ({
      messageId: a.messageId,
      fields: { ...a.fields, ...b.fields },
      message: `${a.message}${a.message.endsWith("。") ? "" : "。"}${b.message}`,
      messageEn: `${a.messageEn}${/[.!?]$/.test(a.messageEn) ? "" : "."} ${b.messageEn}`,
    }),
    first,
  );
}
