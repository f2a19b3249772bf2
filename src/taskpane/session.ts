/**
 * State shared by the task pane and the ribbon command in the one shared runtime: the last validation
 * and whether one is running. A second Validate while one runs is ignored.
 */
import type { ExcelValidation } from "../excel/adapter";
import type { InsertResult, RemoveResult } from "../excel/columns";
import type { ExportResult } from "../excel/export";

export interface SessionState {
  busy: boolean;
  validation: ExcelValidation | null;
  /** A failure the user must see (message), or null. */
  error: string | null;
  /** Cells restored by the last Clear, or null. */
  cleared: number | null;
  /** The last Insert recomputed columns (needs-shift: waiting for the user's consent), or null. */
  columns: InsertResult | null;
  /** The last Remove recomputed columns, or null. */
  removed: RemoveResult | null;
  /** The last Export findings, or null. */
  exported: ExportResult | null;
}

type Listener = (s: SessionState) => void;

export class Session {
  private state: SessionState = {
    busy: false,
    validation: null,
    error: null,
    cleared: null,
    columns: null,
    removed: null,
    exported: null,
  };
  private listeners = new Set<Listener>();

  get(): SessionState {
    return this.state;
  }
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
  /** Drops the notices of the last action (e.g. the user declined to insert whole columns). */
  clearNotice(): void {
    this.set({ columns: null, removed: null, exported: null, cleared: null });
  }
  /** Runs a job unless one is running; returns false when it was ignored. */
  async run(job: () => Promise<Partial<SessionState>>): Promise<boolean> {
    if (this.state.busy) return false;
    this.set({ busy: true, error: null, cleared: null, columns: null, removed: null, exported: null });
    try {
      this.set({ ...(await job()), busy: false });
    } catch (e) {
      const err = e as { code?: string; message?: string; debugInfo?: unknown };
      console.error("disclosure-check:", err?.code, err?.message, err?.debugInfo);
      this.set({ busy: false, error: `${err?.code ? err.code + ": " : ""}${err?.message ?? String(e)}` });
    }
    return true;
  }
}

/** The one session of this runtime. */
export const session = new Session();
