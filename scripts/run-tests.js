#!/usr/bin/env node
/**
 * `npm test`: the unit tests always, then the browser tests (skipped with a message when
 * /usr/bin/chromium is missing), and one closing line over both: "N passed, N failed, N skipped".
 * Exit code: non-zero when any test failed or a runner failed.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const OUT = path.join(__dirname, "..", "test-output");
fs.mkdirSync(OUT, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;

function jestRun(label, args, jsonFile) {
  try {
    fs.rmSync(jsonFile, { force: true });
  } catch {
    /* nothing to remove */
  }
  const r = spawnSync(args[0], [...args.slice(1), "--json", `--outputFile=${jsonFile}`], { stdio: "inherit" });
  if (fs.existsSync(jsonFile)) {
    const j = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + j.numTodoTests;
  } else if (label === "browser" && r.status === 0) {
    totals.skipped += 1; // the runner said why (no chromium)
  }
  if (r.status !== 0) status = r.status || 1;
}

jestRun("unit", ["npx", "jest"], path.join(OUT, "unit-results.json"));
jestRun("browser", ["node", "scripts/run-e2e.js"], path.join(OUT, "e2e-results.json"));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
