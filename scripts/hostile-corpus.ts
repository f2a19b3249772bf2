/**
 * Writes the hostile-input corpus (test/hostile/corpus.ts) into a folder and lists its cases, to try
 * them by hand: `npx tsx scripts/hostile-corpus.ts DIR`.
 */
import * as path from "path";
import { buildCorpus } from "../test/hostile/corpus";

const dir = process.argv[2];
if (!dir) {
  console.error("用法：npx tsx scripts/hostile-corpus.ts 文件夹\nUsage: npx tsx scripts/hostile-corpus.ts DIR");
  process.exit(2);
}
const cases = buildCorpus(path.resolve(dir));
for (const c of cases) console.log(`${c.id.padEnd(34)} exit ${c.code}  ${c.title}\n    disclosure-check ${c.args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
console.log(`${cases.length} cases in ${path.resolve(dir)}`);
