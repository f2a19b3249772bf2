/**
 * The engine's CPU profile for the benchmark (issue 17: the closing note gives the top functions by self
 * time, and results.json says what stands between the engine and 3× the baseline). V8's sampling
 * profiler, through node:inspector, over a few validations of one case.
 */
import { Session } from "node:inspector/promises";
import * as path from "path";

export interface EngineProfile {
  runs: number;
  /** Sampled time, ms (all runs). */
  sampledMs: number;
  /** The functions with the most self time: name, source file:line (repository-relative), ms and share. */
  top: Array<{ function: string; where: string; selfMs: number; share: number }>;
  /**
   * Share of the sampled time per part of the engine (each sample goes to the innermost part on its
   * stack): the table finders, profile inference, the checks, garbage collection, everything else.
   */
  parts: Record<string, number>;
  /** Share of the time spent inside decimal.js itself (self time, whichever part called it). */
  decimalJs: number;
}

/** The part of the engine a function belongs to, by name (the innermost match on the stack wins). */
const PARTS: Record<string, string> = {
  labelsOf: "finders",
  findTables: "finders",
  findAccountsTables: "finders",
  findNarrative: "finders",
  inferProfiles: "inference",
  runChecks: "checks",
  checkAccountsTable: "checks",
  checkNarrative: "checks",
  workbookTies: "checks",
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * Profiles `run` called `runs` times. Output: the top `n` functions by self time and the parts' shares.
 * Throws: only what `run` throws.
 */
export async function profileEngine(run: () => void, runs: number, n = 10): Promise<EngineProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 250 });
    await session.post("Profiler.start");
    for (let i = 0; i < runs; i++) run();
    const { profile } = await session.post("Profiler.stop");
    return summarise(profile as unknown as Profile, runs, n);
  } finally {
    session.disconnect();
  }
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(p: Profile, runs: number, n: number): EngineProfile {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const root = path.resolve(__dirname, "..");
  const label = (x: ProfileNode) => {
    const f = x.callFrame;
    const file = f.url.startsWith("file://") ? path.relative(root, new URL(f.url).pathname) : f.url;
    return { fn: f.functionName || "(anonymous)", where: file ? `${file}:${f.lineNumber + 1}` : "" };
  };
  const self = new Map<string, { fn: string; where: string; us: number }>();
  const parts: Record<string, number> = { finders: 0, inference: 0, checks: 0, "garbage collection": 0, other: 0 };
  let decimal = 0;
  let total = 0;
  const partOf = new Map<number, string>();
  const part = (id: number): string => {
    let k = partOf.get(id);
    if (k === undefined) {
      const x = byId.get(id)!;
      const name = x.callFrame.functionName;
      k = name === "(garbage collector)" ? "garbage collection" : PARTS[name];
      if (k === undefined) {
        const up = parent.get(id);
        k = up === undefined ? "other" : part(up);
      }
      partOf.set(id, k);
    }
    return k;
  };
  // Samples taken while the profiler stops (under node:inspector's post) are its own work, not the engine's.
  const profilerOwn = new Map<number, boolean>();
  const isProfilerOwn = (id: number): boolean => {
    let own = profilerOwn.get(id);
    if (own === undefined) {
      const up = parent.get(id);
      own = byId.get(id)!.callFrame.url === "node:inspector" || (up !== undefined && isProfilerOwn(up));
      profilerOwn.set(id, own);
    }
    return own;
  };
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    if (isProfilerOwn(id)) return;
    const x = byId.get(id)!;
    if (x.callFrame.functionName === "(root)" || x.callFrame.functionName === "(program)") return;
    total += us;
    const { fn, where } = label(x);
    const key = `${fn} ${where}`;
    const s = self.get(key) ?? { fn, where, us: 0 };
    s.us += us;
    self.set(key, s);
    parts[part(id)] += us;
    if (x.callFrame.url.includes("node_modules/decimal.js")) decimal += us;
  });
  const top = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((s) => ({ function: s.fn, where: s.where, selfMs: s.us / 1000, share: s.us / total }));
  for (const k of Object.keys(parts)) parts[k] /= total;
  return { runs, sampledMs: total / 1000, top, parts, decimalJs: decimal / total };
}
