/**
 * Request sizes. Excel on the web refuses a request or a response above about 5 MB
 * (RequestPayloadSizeLimitExceeded), so every batch the add-in sends is planned to stay under
 * PAYLOAD_LIMIT: reads of very large sheets go in row blocks, writes in groups of cells.
 */
/** The most one request or response may carry, in bytes (4 MB, under Excel on the web's 5 MB). */
export const PAYLOAD_LIMIT = 4 * 1024 * 1024;

/**
 * Bytes per cell (values + text + numberFormat as JSON) the first read of a sheet is sized for. The seed
 * tables measure 19 (部门决算) to 36 (绩效自评表) bytes per cell.
 */
export const FIRST_READ_CELL_BYTES = 40;

/** Bytes per cell assumed when a sheet's cells are read after its first read was refused as too large. */
export const ASSUMED_CELL_BYTES = 96;

/** Excel's error codes for a request or a response over its payload limit (Excel on the web only). */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The size in bytes of a value as UTF-8 JSON (what a request or response carries). */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  const t = JSON.stringify(value);
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Groups items into requests of at most `limit` bytes by their estimated sizes, in order. An item larger
 * than the limit goes alone into its own request. Output: the groups (never empty groups).
 */
export function groupBySize<T>(items: T[], size: (item: T) => number, limit = PAYLOAD_LIMIT): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length > 0 && bytes + n > limit) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Runs `queue(group)` then one `context.sync()` per group, in order: one round trip per request of at
 * most PAYLOAD_LIMIT bytes. The number of syncs is set by the payload (a sheet of up to about 4 MB takes
 * one), never by the number of cells or findings.
 */
export async function syncEach<T>(
  context: { sync(): Promise<unknown> },
  groups: T[][],
  queue: (group: T[]) => void,
): Promise<void> {
  const [group, ...rest] = groups;
  if (!group) return;
  queue(group);
  await context.sync();
  return syncEach(context, rest, queue);
}

/** Commands to queue together, with their estimated request bytes. */
export interface QueuedOp {
  bytes: number;
  queue: () => void;
}

/**
 * Sends `ops` in order, in requests of at most PAYLOAD_LIMIT bytes (one for any ordinary sheet): each group
 * is queued (after `beforeEach`, e.g. suspending calculation for the next sync) and synced.
 * Throws: the error of the first request that fails; later groups are not sent.
 */
export function sendOps(
  context: { sync(): Promise<unknown> },
  ops: QueuedOp[],
  beforeEach?: () => void,
): Promise<void> {
  return syncEach(
    context,
    groupBySize(ops, (o) => o.bytes),
    (group) => {
      beforeEach?.();
      for (const o of group) o.queue();
    },
  );
}
