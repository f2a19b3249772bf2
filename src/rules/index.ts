/**
 * The shared rules: one pure module used by the task pane, the ribbon command, the custom functions
 * and the CLI. No Office, no DOM, no Node APIs.
 */
export * from "./types";
export * from "./address";
export * from "./parse";
export * from "./profiles";
export * from "./scoring";
export * from "./compare";
export { CHECKS, RULE_TITLES, runChecks } from "./checks";
export { Decimal, roundHalfUp } from "./decimal";
