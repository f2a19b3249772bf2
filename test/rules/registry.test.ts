/**
 * The registry is the one source of every rule's names, category, explanation and source: the checks,
 * the titles, the categories, docs/rules.md and the README's rule table are derived from it, and this
 * test fails when one of them drifts.
 */
import * as fs from "fs";
import * as path from "path";
import { examples, readmeTable, rulesDoc, README_END, README_START } from "../../scripts/build-rules-doc";
import { RULE_CATEGORY } from "../../src/rules/categories";
import { CHECKS, RULE_TITLES } from "../../src/rules/checks";
import { RULES, RULE_IDS } from "../../src/rules/registry";

const ROOT = path.join(__dirname, "..", "..");

test("every check's id is in the registry, and the titles and categories are the registry's", () => {
  for (const c of CHECKS) expect(RULE_IDS).toContain(c.id);
  expect(Object.keys(RULE_TITLES).sort()).toEqual([...RULE_IDS].sort());
  for (const id of RULE_IDS) {
    expect(RULE_TITLES[id]).toBe(RULES[id].title);
    expect(RULE_CATEGORY[id]).toBe(RULES[id].category);
    expect(RULES[id].what.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(RULES[id].source).not.toMatch(/第[一二三四五六七八九十]+条/); // article numbers are not cited unverified
  }
});

test("docs/rules.md is what `npm run docs:rules` writes (every rule, with a real example where one exists)", async () => {
  const doc = rulesDoc(await examples());
  expect(fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8")).toBe(doc);
  for (const id of RULE_IDS) expect(doc).toContain(`### \`${id}\``);
}, 120_000);

test("the README's rule table is the registry's", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END) + README_END.length;
  expect(readme.slice(a, b)).toBe(readmeTable());
});
