import { describe, expect, it } from "vitest";
import { session } from "../../../test/fixtures/session-fixture";
import { exclusionReason, instantMicros, sameInstant, signalStatement, terminateWarnings, toSubject, type Backend } from "./backends";

const backend = (over: Partial<Backend["session"]> = {}, b: Partial<Backend> = {}): Backend => ({
  session: session(over),
  superuser: false,
  consoleSuperuser: false,
  ...b,
});

describe("instantMicros / sameInstant", () => {
  it("keeps microseconds and honours the offset", () => {
    expect(instantMicros("1970-01-01 00:00:01.000001+00")).toBe(1_000_001);
    expect(sameInstant("2026-03-21 10:00:00.123456+00", "2026-03-21 12:00:00.123456+02")).toBe(true);
    expect(sameInstant("2026-03-21 10:00:00.123456+00", "2026-03-21 10:00:00.123457+00")).toBe(false);
    expect(sameInstant("2026-03-21 10:00:00.5+00", "2026-03-21 10:00:00.500000+00")).toBe(true);
    expect(sameInstant("2026-03-21 05:30:00+05:30", "2026-03-21T00:00:00Z")).toBe(true);
    expect(sameInstant("2026-03-21 10:00:00-03", "2026-03-21 13:00:00+00")).toBe(true);
  });
  it("never matches what it cannot parse", () => {
    expect(instantMicros("2026-03-21 10:00:00")).toBeNull();
    expect(sameInstant(null, null)).toBe(false);
    expect(sameInstant("junk", "junk")).toBe(false);
  });
});

describe("exclusionReason", () => {
  it("lets an ordinary client backend through", () => {
    expect(exclusionReason(backend())).toBeNull();
    expect(exclusionReason(backend({}, { superuser: true, consoleSuperuser: true }))).toBeNull();
  });
  it("refuses the console's own connection, non-client backends and unsignallable superusers", () => {
    expect(exclusionReason(backend({ isTriage: true }))).toMatch(/console's own/);
    expect(exclusionReason(backend({ backendType: "checkpointer", pid: 55 }))).toBe(
      "pid 55 is a checkpointer process, not a client session: only client backends can be signalled",
    );
    expect(exclusionReason(backend({ backendType: "autovacuum worker" }))).toMatch(/autovacuum worker/);
    expect(exclusionReason(backend({}, { superuser: true }))).toBe("the console's role cannot signal superuser backends (needs superuser)");
    expect(exclusionReason(backend({ backendStart: null }))).toMatch(/pg_monitor/);
  });
});

describe("terminateWarnings", () => {
  it("says the transaction rolls back, and warns when it has written", () => {
    expect(terminateWarnings(session({}))).toEqual(["Its connection will be closed; the client has to reconnect."]);
    const w = terminateWarnings(session({ xactStart: "2026-03-21 10:00:00+00", backendXid: "7421" }));
    expect(w[0]).toMatch(/rolled back/);
    expect(w[1]).toMatch(/backend_xid 7421/);
  });
});

describe("signalStatement", () => {
  it("records the exact SQL and its parameters for the audit", () => {
    const st = signalStatement("cancel", 4242, "2026-03-21 10:00:00.123456+00");
    expect(st.values).toEqual([4242, "2026-03-21 10:00:00.123456+00"]);
    expect(st.sql).toBe("select pg_cancel_backend(pid) as signalled\nfrom pg_stat_activity\nwhere pid = $1 and backend_start = $2::timestamptz");
    expect(st.auditText).toBe(`${st.sql}\n-- $1 = 4242, $2 = '2026-03-21 10:00:00.123456+00'`);
  });
  it("adds the filter as a re-check for bulk", () => {
    const st = signalStatement("terminate", 1, "2026-03-21 10:00:00+00", { state: "idle in transaction", application: "odoo-%" });
    expect(st.sql).toMatch(/pg_terminate_backend\(pid\)/);
    expect(st.sql).toMatch(/and state = \$3 and application_name like \$4$/);
    expect(st.values.slice(2)).toEqual(["idle in transaction", "odoo-%"]);
  });
});

describe("toSubject", () => {
  it("copies what the audit keeps", () => {
    expect(toSubject(session({ pid: 9, query: "select 1", xactMs: 5 }))).toMatchObject({ pid: 9, query: "select 1", xactMs: 5, backendType: "client backend" });
  });
});
