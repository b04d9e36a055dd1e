import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { stampClient } from "./stamp-client";

const req = (headers: Record<string, string>) => ({ headers: { ...headers }, socket: { remoteAddress: "10.0.0.9" } }) as unknown as IncomingMessage;

describe("stampClient", () => {
  it("uses the socket's address and overwrites a client's own claim when no proxy is trusted", () => {
    const r = req({ "x-triage-client-addr": "1.2.3.4", "x-forwarded-for": "5.6.7.8" });
    stampClient(r, false);
    expect(r.headers["x-triage-client-addr"]).toBe("10.0.0.9");
    expect(r.headers["x-triage-proto"]).toBe("http");
  });
  it("behind a trusted proxy takes the address the proxy appended, not one the client sent", () => {
    const r = req({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", "x-forwarded-proto": "https" });
    stampClient(r, true);
    expect(r.headers["x-triage-client-addr"]).toBe("203.0.113.7");
    expect(r.headers["x-triage-proto"]).toBe("https");
  });
});
