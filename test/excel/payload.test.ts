/** Request sizing (src/excel/payload.ts): UTF-8 JSON bytes, grouping under the limit, one sync per group. */
import { groupBySize, isPayloadTooLarge, jsonBytes, syncEach } from "../../src/excel/payload";

test("jsonBytes counts UTF-8: 3 bytes per CJK character, 4 per astral character, the JSON quotes and escapes", () => {
  expect(jsonBytes("ab")).toBe(4);
  expect(jsonBytes("执行率")).toBe(2 + 9);
  expect(jsonBytes("😀")).toBe(2 + 4);
  expect(jsonBytes([["a\n"]])).toBe(Buffer.byteLength(JSON.stringify([["a\n"]]), "utf8"));
  expect(jsonBytes(undefined)).toBe(0);
});

test("groupBySize keeps order, never exceeds the limit with items under it, and puts an oversized item alone", () => {
  expect(groupBySize([3, 3, 3, 5, 1], (n) => n, 6)).toEqual([[3, 3], [3], [5, 1]]);
  expect(groupBySize([9, 1], (n) => n, 6)).toEqual([[9], [1]]);
  expect(groupBySize([], (n: number) => n, 6)).toEqual([]);
});

test("syncEach: queue then one sync per group, in order; a failing sync stops the rest", async () => {
  const log: string[] = [];
  const context = { sync: async () => void log.push("sync") };
  await syncEach(context, [[1, 2], [3]], (g) => log.push(`queue ${g.join(",")}`));
  expect(log).toEqual(["queue 1,2", "sync", "queue 3", "sync"]);
  const failing = {
    sync: async () => Promise.reject(Object.assign(new Error("too big"), { code: "ResponsePayloadSizeLimitExceeded" })),
  };
  const queued: number[] = [];
  const error = await syncEach(failing, [[1], [2]], (g) => queued.push(...g)).catch((e: unknown) => e);
  expect(isPayloadTooLarge(error)).toBe(true);
  expect(queued).toEqual([1]);
});
