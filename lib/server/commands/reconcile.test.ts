import { spawnSync } from "node:child_process";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { ownerGone, STALE_OWNER_MS } from "./reconcile";

const me = `${os.hostname()}/${process.pid}/11111111-1111-4111-8111-111111111111`;
const now = new Date("2026-12-08T10:00:00.000Z");
const fresh = new Date(now.getTime() - 1000);
const stale = new Date(now.getTime() - STALE_OWNER_MS - 1);

describe("ownerGone", () => {
  it("never takes this console's own runs for orphans", () => {
    expect(ownerGone(me, stale, now, me)).toBe(false);
  });

  it("on this host: a dead pid, or our own pid under another uuid (a restart that got the same pid), is gone at once", () => {
    const dead = spawnSync("true").pid!; // exited: its pid is free
    expect(ownerGone(`${os.hostname()}/${dead}/22222222-2222-4222-8222-222222222222`, fresh, now, me)).toBe(true);
    expect(ownerGone(`${os.hostname()}/${process.pid}/33333333-3333-4333-8333-333333333333`, fresh, now, me)).toBe(true);
    expect(ownerGone(`${os.hostname()}/${process.ppid}/44444444-4444-4444-8444-444444444444`, fresh, now, me)).toBe(false); // alive
  });

  it("on another host: gone only when its heartbeat is stale", () => {
    expect(ownerGone("other-host/1/55555555-5555-4555-8555-555555555555", fresh, now, me)).toBe(false);
    expect(ownerGone("other-host/1/55555555-5555-4555-8555-555555555555", stale, now, me)).toBe(true);
  });
});
