/**
 * The auditor's scoring-profile choice, remembered in the workbook (document settings) so that the pane,
 * the ribbon command and a reopened workbook all judge under the same rule.
 */
import {
  CHOICE_OPTIONS,
  DIMENSIONS,
  NATIONAL,
  presetById,
  choicesOf,
  profileFromChoices,
  type Choices,
} from "../rules/profiles";
import type { ProfileSelection } from "../tables/validate";
import { saveSetting } from "./record";

/** auto: each table under its inferred profile; preset: one preset by id; custom: one option per rule. */
export type ProfileChoice = { mode: "auto" } | { mode: "preset"; id: string } | { mode: "custom"; choices: Choices };

export const PROFILE_SETTINGS_KEY = "disclosure-check.profile";

/** The default when the workbook remembers nothing: the national preset. */
export const DEFAULT_CHOICE: ProfileChoice = { mode: "preset", id: NATIONAL.id };

/**
 * Reads a stored value back into a choice. Anything unknown (an old or edited setting, a preset id that
 * no longer exists, an option key this version does not have) gives null, and the caller uses the default.
 */
export function asProfileChoice(value: unknown): ProfileChoice | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { mode?: unknown; id?: unknown; choices?: unknown };
  if (v.mode === "auto") return { mode: "auto" };
  if (v.mode === "preset" && typeof v.id === "string" && presetById(v.id)) return { mode: "preset", id: v.id };
  if (v.mode === "custom" && v.choices && typeof v.choices === "object") {
    const c = v.choices as Record<string, unknown>;
    const ok = DIMENSIONS.every((d) => CHOICE_OPTIONS[d].some((o) => o.key === c[d]));
    if (ok) return { mode: "custom", choices: Object.fromEntries(DIMENSIONS.map((d) => [d, c[d]])) as Choices };
  }
  return null;
}

/** The selection the validator runs under. Throws only for a choice asProfileChoice would reject. */
export function selectionOf(choice: ProfileChoice): ProfileSelection {
  if (choice.mode === "auto") return "auto";
  if (choice.mode === "preset") return presetById(choice.id) ?? NATIONAL;
  return profileFromChoices(choice.choices);
}

/** The choices the custom editor starts from: the current preset's, or national's under auto. */
export function editorChoices(choice: ProfileChoice): Choices {
  if (choice.mode === "custom") return choice.choices;
  if (choice.mode === "preset") return choicesOf(presetById(choice.id) ?? NATIONAL);
  return choicesOf(NATIONAL);
}

/** Where the choice lives: document settings in Excel, memory in tests. */
export interface ProfileChoiceStore {
  load(): ProfileChoice;
  save(choice: ProfileChoice): Promise<void>;
}

/** In memory (tests, simulated host). */
export function memoryChoiceStore(initial: ProfileChoice = DEFAULT_CHOICE): ProfileChoiceStore {
  let current = initial;
  return {
    load: () => current,
    save: async (c) => {
      current = c;
    },
  };
}

/** In Office document settings: saved with the workbook. No context.sync involved. */
export function officeChoiceStore(settings: Office.Settings): ProfileChoiceStore {
  return {
    load: () => asProfileChoice(settings.get(PROFILE_SETTINGS_KEY)) ?? DEFAULT_CHOICE,
    save: (choice) => saveSetting(settings, PROFILE_SETTINGS_KEY, choice),
  };
}
