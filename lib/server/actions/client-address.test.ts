import { describe, expect, it } from "vitest";
import { parseClientAddress } from "./client-address";

describe("parseClientAddress (matched by PostgreSQL as client_addr <<= $n::inet)", () => {
  it.each([
    ["10.0.0.5", "10.0.0.5"],
    [" 10.0.0.0/8 ", "10.0.0.0/8"],
    ["192.168.1.0/024", "192.168.1.0/24"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["::1", "::1"],
    ["FD00::/8", "fd00::/8"],
    ["2001:db8::/128", "2001:db8::/128"],
  ])("accepts %j as %j", (input, value) => {
    expect(parseClientAddress(input)).toEqual({ ok: true, value });
  });

  it.each([
    ["300.1.1.1", /not an IPv4 or IPv6 address/],
    ["db.example.com", /not an IPv4 or IPv6 address/],
    ["10.0.0.0/33", /0\.\.32/],
    ["fd00::/129", /0\.\.128/],
    ["10.0.0.0/8/8", /CIDR block/],
    ["10.0.0.0/", /0\.\.32/],
    ["fe80::1%eth0", /not an IPv4/],
    ["10.0.0.1'; select 1; --", /not an IPv4/],
    ["", /not an IPv4/],
  ])("refuses %j", (input, why) => {
    const r = parseClientAddress(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });
});
