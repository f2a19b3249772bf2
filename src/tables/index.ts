/** Grid → recognised tables → findings. Plain data in, plain data out. */
export * from "./grid";
export * from "./format";
export { findTables } from "./find";
export * from "./validate";
export * from "./annotations";
