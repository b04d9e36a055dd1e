import { describe, expect, it } from "vitest";
import type { SessionVerdict, VerificationView } from "@/lib/verification";
import { cronLine, oomLine, odooLine, postgresLine } from "./verify-lines";

const AT = "2026-11-26T10:00:00.000Z";
const verdict = (over: Partial<SessionVerdict> = {}): SessionVerdict => ({
  status: "ok",
  active: 3,
  idleInTransaction: 1,
  oldestIdleInTransaction: { pid: 4242, backendStart: "2026-11-26 09:59:58+00", ms: 2000 },
  text: "3 active of max_connections 100, 1 idle in transaction, oldest 2 s",
  ...over,
});
const view = (over: Partial<VerificationView> = {}): VerificationView => ({
  incident: { id: "i1", openedAt: AT },
  oomKillsSinceOpen: 0,
  host: "up",
  postgres: { status: "up", inRecovery: false, sessions: verdict(), lastPollAt: AT },
  odooUrlConfigured: true,
  odooConfigured: true,
  odooHttp: null,
  odooHttpHistory: [],
  cronBacklog: null,
  cronBacklogHistory: [],
  ...over,
});
const http = (status: number | null, extra: object = {}) => ({ url: "http://odoo/web/login", at: AT, status, latencyMs: status === null ? null : 42, ok: status === 200, ...extra });

describe("verification lines", () => {
  it("OOM kills: none is ok, any is bad, unknown without an incident or host data", () => {
    expect(oomLine(view())).toMatchObject({ tone: "ok", text: "none since the incident opened" });
    expect(oomLine(view({ oomKillsSinceOpen: 2 }))).toMatchObject({ tone: "bad", text: "2 OOM kills since the incident opened" });
    expect(oomLine(view({ incident: null, oomKillsSinceOpen: null }))).toMatchObject({ tone: "unknown", text: "no open incident" });
    expect(oomLine(view({ oomKillsSinceOpen: null, host: "none" })).text).toMatch(/no host configured/);
  });
  it("PostgreSQL: up and not in recovery is ok, with the counts", () => {
    expect(postgresLine(view())).toMatchObject({ tone: "ok", text: "up, pg_is_in_recovery false · 3 active of max_connections 100, 1 idle in transaction, oldest 2 s" });
    expect(postgresLine(view({ postgres: { status: "up", inRecovery: true, sessions: verdict(), lastPollAt: AT } })).tone).toBe("bad");
    expect(postgresLine(view({ postgres: { status: "down", error: "connection refused", inRecovery: null, sessions: null, lastPollAt: AT } }))).toMatchObject({ tone: "bad", text: "down: connection refused" });
  });
  it("PostgreSQL: not OK when the server judged the sessions bad (the checklist's verdict), with the same text", () => {
    const text = "3 active of max_connections 100, 1 idle in transaction, oldest 2m 00s (over 1m 00s)";
    expect(postgresLine(view({ postgres: { status: "up", inRecovery: false, sessions: verdict({ status: "bad", text }), lastPollAt: AT } }))).toEqual({
      key: "postgres",
      label: "PostgreSQL health",
      tone: "bad",
      text: `up, pg_is_in_recovery false · ${text}`,
    });
  });
  it("Odoo: 200 ok, anything else bad with the status or the error, never a guess", () => {
    expect(odooLine(view({ odooHttp: http(200), odooHttpHistory: [http(503), http(200)] }))).toMatchObject({ tone: "ok", text: "HTTP 200 in 42 ms · 1 of the last 2 checks ok" });
    expect(odooLine(view({ odooHttp: http(503) }))).toMatchObject({ tone: "bad", text: "HTTP 503 in 42 ms" });
    expect(odooLine(view({ odooHttp: http(303, { location: "/web/database/selector" }) })).text).toBe("HTTP 303 in 42 ms, redirects to /web/database/selector (not followed)");
    expect(odooLine(view({ odooHttp: http(null, { error: "connection refused (ECONNREFUSED)" }) })).text).toBe("no answer: connection refused (ECONNREFUSED)");
    expect(odooLine(view({ odooUrlConfigured: false })).tone).toBe("unknown");
    expect(cronLine(view({ odooConfigured: false })).text).toBe("not checked: the target has no odoo section in the config");
  });
  it("cron backlog: zero or falling ok, rising bad, not Odoo unknown, unreadable bad", () => {
    const cron = (overdue: number | null, trend: "down" | "flat" | "up" | null, error?: string) => view({ cronBacklog: { at: AT, overdue, trend, database: "odoo", ...(error ? { error } : {}) } });
    expect(cronLine(cron(12, "down"))).toMatchObject({ tone: "ok", text: "12 overdue active jobs in odoo · trending down over 5 min" });
    expect(cronLine(cron(12, "up")).tone).toBe("bad");
    expect(cronLine(cron(12, null))).toMatchObject({ tone: "unknown", text: "12 overdue active jobs in odoo · trend after 5 min of checks" });
    expect(cronLine(cron(0, "flat")).tone).toBe("ok");
    expect(cronLine(cron(null, null, "not an Odoo database (no ir_cron table)"))).toMatchObject({ tone: "unknown", text: "not an Odoo database (no ir_cron table) in odoo" });
    expect(cronLine(cron(null, null, "permission denied for table ir_cron (42501)"))).toMatchObject({ tone: "bad", text: "cannot read ir_cron in odoo: permission denied for table ir_cron (42501)" });
  });
});
