#!/usr/bin/env node
// disclosure-check CLI entry point. The TypeScript sources are compiled to lib/ by `npm run build:cli`
// (run automatically by `npm install` through the prepare script, and by `npm run check`).
"use strict";
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (e) {
  process.stderr.write("disclosure-check: the CLI is not built yet; run `npm run build:cli` first.\n");
  process.exit(2);
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`disclosure-check: unexpected failure: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
