#!/usr/bin/env node
/**
 * One measured process for the benchmark. `node bench/probe.js load FILE`: exceljs reads the workbook and
 * nothing else. `node bench/probe.js cli FILE`: the whole CLI (read, validate, report) with its output
 * discarded. Prints one JSON line: {ms (in-process), maxRSS (bytes)}.
 */
"use strict";
const start = process.hrtime.bigint();
const [mode, file] = process.argv.slice(2);
async function run() {
  if (mode === "load") {
    const ExcelJS = require("exceljs");
    await new ExcelJS.Workbook().xlsx.readFile(file);
    return 0;
  }
  const { main } = require("../lib/cli/main.js");
  return main([file], { out: () => undefined, err: () => undefined });
}
run().then((code) => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ code, ms, maxRSS: process.resourceUsage().maxRSS * 1024 }) + "\n");
});
