/** The remembered profile choice and the ribbon command that honours it. */
import { ALL_CAPABILITIES } from "../../src/excel/capabilities";
import { validateFromRibbon } from "../../src/commands/commands";
import {
  DEFAULT_CHOICE,
  asProfileChoice,
  editorChoices,
  memoryChoiceStore,
  selectionOf,
} from "../../src/excel/profileChoice";
import type { ExcelHost } from "../../src/excel/run";
import { NATIONAL, THRESHOLD_60_DEVIATION, choicesOf } from "../../src/rules/profiles";
import { Session } from "../../src/taskpane/session";
import type { ProfileSelection } from "../../src/tables/validate";

describe("asProfileChoice reads back only what this version understands", () => {
  test.each([
    [{ mode: "auto" }, { mode: "auto" }],
    [
      { mode: "preset", id: "threshold-60-deviation" },
      { mode: "preset", id: "threshold-60-deviation" },
    ],
    [{ mode: "preset", id: "retired-preset" }, null],
    [
      { mode: "custom", choices: choicesOf(NATIONAL) },
      { mode: "custom", choices: choicesOf(NATIONAL) },
    ],
    [{ mode: "custom", choices: { ...choicesOf(NATIONAL), rounding: "bankers" } }, null],
    [{ mode: "custom" }, null],
    ["auto", null],
    [null, null],
  ])("%j → %j", (stored, expected) => {
    expect(asProfileChoice(stored)).toEqual(expected);
  });
});

test("selectionOf: auto, a preset, and a custom combination", () => {
  expect(selectionOf({ mode: "auto" })).toBe("auto");
  expect(selectionOf(DEFAULT_CHOICE)).toBe(NATIONAL);
  expect(selectionOf({ mode: "preset", id: "threshold-60-deviation" })).toBe(THRESHOLD_60_DEVIATION);
  const custom = selectionOf({ mode: "custom", choices: { ...choicesOf(NATIONAL), rounding: "truncate" } });
  expect(custom).not.toBe("auto");
  expect(custom !== "auto" && custom.id).toBe("national+rounding=truncate");
  expect(editorChoices({ mode: "preset", id: "threshold-60-deviation" })).toEqual(choicesOf(THRESHOLD_60_DEVIATION));
});

test("the ribbon command validates under the choice remembered in the workbook", async () => {
  const seen: ProfileSelection[] = [];
  const host: ExcelHost = {
    capabilities: () => ALL_CAPABILITIES,
    validate: async (p) => {
      seen.push(p);
      return {
        sheet: { name: "S", id: "1" },
        result: null,
        status: "empty-sheet",
        highlighted: 0,
        warnings: [],
      } as never;
    },
    clear: async () => ({ status: "ok", restored: 0 }),
    select: async () => undefined,
    insertColumns: () => Promise.reject(new Error("not used by the ribbon command")),
    removeColumns: () => Promise.reject(new Error("not used by the ribbon command")),
    exportFindings: () => Promise.reject(new Error("not used by the ribbon command")),
    setReviews: () => Promise.reject(new Error("not used by the ribbon command")),
  };
  const choices = memoryChoiceStore({ mode: "auto" });
  let completed = 0;
  await validateFromRibbon(
    { completed: () => completed++ },
    { host, session: new Session(), choices, showPane: async () => undefined },
  );
  await choices.save({ mode: "preset", id: "proportional-cap" });
  await validateFromRibbon(
    { completed: () => completed++ },
    { host, session: new Session(), choices, showPane: async () => undefined },
  );
  expect(seen[0]).toBe("auto");
  expect(seen[1] !== "auto" && seen[1].id).toBe("proportional-cap");
  expect(completed).toBe(2);
});
