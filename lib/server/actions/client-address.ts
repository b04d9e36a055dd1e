// A bulk filter's client address: one IPv4/IPv6 address or a CIDR block, checked here so that only a
// well-formed value reaches PostgreSQL (as a $n::inet parameter, matched with <<=).
import { isIPv4, isIPv6 } from "node:net";

export type ParsedAddress = { ok: true; value: string } | { ok: false; message: string };

/** "10.0.0.5", "10.0.0.0/8", "fd00::/8" → normalized text; anything else (host names, zone ids, bad prefixes) → why not. */
export function parseClientAddress(input: string): ParsedAddress {
  const text = input.trim().toLowerCase();
  const parts = text.split("/");
  if (parts.length > 2) return { ok: false, message: "must be an IP address or a CIDR block such as 10.0.0.0/8" };
  const [addr, prefix] = parts;
  const v4 = isIPv4(addr);
  if (!v4 && !(isIPv6(addr) && !addr.includes("%"))) return { ok: false, message: `"${addr.slice(0, 45)}" is not an IPv4 or IPv6 address (e.g. 10.0.0.5 or 10.0.0.0/8)` };
  if (prefix === undefined) return { ok: true, value: addr };
  const max = v4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return { ok: false, message: `the prefix length after / must be 0..${max}` };
  return { ok: true, value: `${addr}/${Number(prefix)}` };
}
