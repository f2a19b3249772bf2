#!/usr/bin/env node
/**
 * One measured process for the benchmark. Prints one JSON line: {code, ms, workMs, maxRSS}, where `ms` is
 * the whole process (module loading included) and `workMs` the work alone (after the modules are loaded).
 * - `node bench/probe.js load FILE`: SheetJS (the fastest well-kept reader measured for issue 16) reads the
 *   workbook in its fastest mode (dense) and nothing else;
 * - `node bench/probe.js read FILE`: the CLI's read path (src/cli/read: identify the file, the bounds, SheetJS,
 *   the grids) and nothing else;
 * - `node bench/probe.js cli FILE`: the whole CLI (read, validate, report) with its output discarded.
 */
"use strict";
const start = process.hrtime.bigint();
const fs = require("fs");
const [mode, file] = process.argv.slice(2);
const since = (t) => Number(process.hrtime.bigint() - t) / 1e6;
async function run() {
  if (mode === "load") {
    const XLSX = require("@e965/xlsx");
    const t = process.hrtime.bigint();
    XLSX.read(fs.readFileSync(file), { type: "buffer", dense: true });
    return { code: 0, workMs: since(t) };
  }
  if (mode === "read") {
    const { readWorkbookBytes } = require("../lib/cli/read/workbook.js");
    const t = process.hrtime.bigint();
    readWorkbookBytes(fs.readFileSync(file));
    return { code: 0, workMs: since(t) };
  }
  const { main } = require("../lib/cli/main.js");
  const t = process.hrtime.bigint();
  const code = await main([file], { out: () => undefined, err: () => undefined });
  return { code, workMs: since(t) };
}
run().then(({ code, workMs }) => {
  process.stdout.write(JSON.stringify({ code, ms: since(start), workMs, maxRSS: process.resourceUsage().maxRSS * 1024 }) + "\n");
});
