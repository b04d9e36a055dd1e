import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, rowHash, serializeRow, storable, storableJson, type ChainRow } from "./canonical";

const KEY = Buffer.from("k".repeat(32));
const row: ChainRow = {
  id: "1",
  at: "2026-11-26T17:00:00.123456Z",
  phase: "intent",
  intentId: null,
  action: "session.cancel",
  targetId: "default",
  userId: "u1",
  username: "alice",
  role: "operator",
  via: "session",
  sessionId: "s1",
  tokenId: null,
  clientAddr: "127.0.0.1",
  userAgent: "vitest",
  subject: { pid: 42, query: "select 1", nested: { b: 1, a: [2, { d: null, c: "x" }] } },
  sql: "SELECT pg_cancel_backend($1)",
  reason: "runaway report",
  outcome: null,
  message: null,
  durationMs: null,
  prevHash: GENESIS_HASH,
};

describe("canonical serialisation", () => {
  it("sorts keys at every level and drops undefined, like jsonb", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: undefined, e: "x" }] } })).toBe('{"a":{"c":[3,{"e":"x"}],"d":2},"b":1}');
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson("a\"b")).toBe('"a\\"b"');
  });

  it("does not depend on the subject's key order", () => {
    const reordered = { ...row, subject: { nested: { a: [2, { c: "x", d: null }], b: 1 }, query: "select 1", pid: 42 } };
    expect(serializeRow(reordered)).toBe(serializeRow(row));
  });

  it("is a fixed-order array of every field, versioned", () => {
    const parsed = JSON.parse(serializeRow(row)) as unknown[];
    expect(parsed).toHaveLength(22);
    expect(parsed[0]).toBe("pg-triage-audit-v1");
    expect(parsed[1]).toBe("1");
    expect(parsed[21]).toBe(GENESIS_HASH);
  });

  it("is unambiguous: moving text between adjacent fields changes it", () => {
    const a = serializeRow({ ...row, sql: "ab", reason: "c" });
    const b = serializeRow({ ...row, sql: "a", reason: "bc" });
    expect(a).not.toBe(b);
    expect(serializeRow({ ...row, reason: null })).not.toBe(serializeRow({ ...row, reason: "null" }));
    expect(serializeRow({ ...row, subject: null })).not.toBe(serializeRow({ ...row, subject: "null" }));
  });

  it("covers every field: changing any one changes the hash", () => {
    const base = rowHash(KEY, row);
    const changes: Partial<ChainRow>[] = [
      { id: "2" }, { at: "2026-11-26T17:00:00.123457Z" }, { phase: "outcome" }, { intentId: "1" }, { action: "session.terminate" },
      { targetId: null }, { userId: "u2" }, { username: "bob" }, { role: "admin" }, { via: "token" }, { sessionId: null },
      { tokenId: "t" }, { clientAddr: "::1" }, { userAgent: null }, { subject: { ...(row.subject as object), pid: 43 } },
      { sql: "SELECT 1" }, { reason: null }, { outcome: "ok" }, { message: "" }, { durationMs: 0 }, { prevHash: "f".repeat(64) },
    ];
    expect(changes).toHaveLength(21);
    for (const c of changes) expect(rowHash(KEY, { ...row, ...c }), JSON.stringify(c)).not.toBe(base);
  });

  it("is HMAC-SHA256 of the serialisation under the key", () => {
    expect(rowHash(KEY, row)).toBe(createHmac("sha256", KEY).update(serializeRow(row)).digest("hex"));
    expect(rowHash(Buffer.from("x".repeat(32)), row)).not.toBe(rowHash(KEY, row));
    expect(rowHash(KEY, row)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("storable values", () => {
  it("replaces NUL and lone surrogates as PostgreSQL would refuse or rewrite them, keeps pairs", () => {
    expect(storable("a\u0000b")).toBe("a\uFFFDb");
    expect(storable("x\uD800y")).toBe("x\uFFFDy");
    expect(storable("x\uDC00")).toBe("x\uFFFD");
    expect(storable("emoji 😀 ok")).toBe("emoji 😀 ok");
  });

  it("turns a subject into what jsonb gives back", () => {
    const d = new Date("2026-01-01T00:00:00.000Z");
    expect(storableJson({ at: d, gone: undefined, n: 1, s: "q\u0000", ["k\u0000"]: [1, "\uD800"] })).toEqual({
      at: "2026-01-01T00:00:00.000Z",
      n: 1,
      s: "q\uFFFD",
      "k\uFFFD": [1, "\uFFFD"],
    });
    expect(storableJson(undefined)).toBeNull();
  });
});
