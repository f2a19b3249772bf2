#!/usr/bin/env node
/**
 * Browser tests: build the task pane, check the manifest against the build, then run test/e2e in
 * Debian's Chromium. Skipped (with a message) when /usr/bin/chromium is not installed.
 */
"use strict";
const fs = require("fs");
const { spawnSync } = require("child_process");

const CHROMIUM = "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  console.log(`browser tests SKIPPED: ${CHROMIUM} not found (apt-get install chromium to run them; .ci/run does).`);
  process.exit(0);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run("npx", ["webpack", "--mode", "production", "--no-stats"]);
run("node", ["scripts/check-manifest.js"]);
run("npx", ["jest", "--config", "jest.e2e.config.js", ...process.argv.slice(2)]);
