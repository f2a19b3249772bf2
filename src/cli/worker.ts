/**
 * The batch worker (worker_threads): receives one file at a time, checks it with the same pipeline as
 * the CLI, and posts back the file's JSON entry and its per-table summary. Never throws: a failure is
 * posted as the file's error.
 */
import { parentPort } from "worker_threads";
import type { FileJob, FileOutcome, SummaryTable } from "./batch";
import { selectionId } from "../tables/validate";
import { checkFile, layoutsFromFiles, selectionFromArg, writeCopy } from "./main";
import { errorText } from "./text";

async function check(job: FileJob): Promise<FileOutcome> {
  try {
    const selection = selectionFromArg(job.profile);
    const checked = await checkFile(job.file, selection, job.sheet, layoutsFromFiles(job.layouts ?? []).layouts);
    let copy: FileOutcome["copy"];
    let copyError: string | undefined;
    if (job.copy) {
      try {
        copy = {
          target: job.copy.target,
          ...writeCopy(checked, job.file, job.copy.target, { ...job.copy, profile: selectionId(selection) }),
        };
      } catch (e) {
        copyError = errorText(e, job.copy.lang);
      }
    }
    const tables: SummaryTable[] = [];
    const sheets: FileOutcome["sheets"] = [];
    for (const { sheet, result } of checked.results) {
      if (result.status !== "ok") sheets.push({ sheet, status: result.status });
      for (const t of result.tables) {
        const rules: Record<string, number> = {};
        for (const f of result.findings) if (f.table === t.index) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
        tables.push({
          sheet,
          index: t.index + 1,
          range: t.range,
          kind: t.kind,
          title: t.title,
          judgedUnder: t.judgedUnder,
          inferredProfile: t.inferredProfile,
          checks: t.checks,
          counts: t.counts,
          rules,
        });
      }
    }
    return { file: job.file, json: checked.json, tables, sheets, copy, copyError };
  } catch (e) {
    const error = (e as Error).message;
    return {
      file: job.file,
      error,
      json: { file: job.file, error, tables: [], findings: [], sheets: [] },
      tables: [],
      sheets: [],
    };
  }
}

parentPort?.on("message", (job: FileJob) => {
  void check(job).then((outcome) => parentPort!.postMessage(outcome));
});
