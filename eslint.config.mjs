// office-addin-lint's rules (eslint-plugin-office-addins: load-before-read, sync-before-read,
// no-context-sync-in-loop, Prettier) with the globals of the places our code runs.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import globals from "globals";

const officeRules = Object.fromEntries(
  Object.keys(officeAddins.rules ?? {}).map((name) => [`office-addins/${name}`, "off"]),
);

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      globals: { ...globals.browser, ...globals.node, Office: "readonly", Excel: "readonly", OfficeExtension: "readonly" },
    },
    rules: {
      // `export const Decimal` + `export type Decimal` is one name in two TypeScript spaces.
      "no-redeclare": "off",
    },
  },
  {
    // The CLI reads .xlsx files with exceljs, not Office.js: the Office.js rules do not apply there.
    files: ["src/cli/**"],
    rules: officeRules,
  },
];
