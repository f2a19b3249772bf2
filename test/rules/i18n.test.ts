import { en, stringsFor, zh } from "../../src/taskpane/i18n/strings";
import { RULE_TITLES } from "../../src/rules/checks";

test("the zh-CN and en string tables have the same keys, none empty", () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  for (const v of [...Object.values(en), ...Object.values(zh)]) expect(v.trim()).not.toBe("");
});

test("Chinese for a Chinese display language, English otherwise", () => {
  expect(stringsFor("zh-CN").lang).toBe("zh");
  expect(stringsFor("zh-TW").lang).toBe("zh");
  expect(stringsFor("en-US").lang).toBe("en");
  expect(stringsFor(undefined).lang).toBe("en");
});

test("every rule id has a title in both languages", () => {
  for (const t of Object.values(RULE_TITLES)) {
    expect(t.zh).toMatch(/\S/);
    expect(t.en).toMatch(/\S/);
  }
});
