import { expect, it } from "vitest";
import { ProbeError } from "./transport";
import { hostFailureCategory, hostFailureText } from "./host-error";

// Messages as lib/server/host/ssh.ts and local.ts raise them (ssh2's own text after "ssh: ").
const recorded: Array<[string, string | null]> = [
  ["cannot read the private key /etc/pg-triage/id_ed25519: ENOENT", "the private key cannot be read"],
  ["ssh host key mismatch: expected SHA256:abc, got SHA256:def", "host key mismatch"],
  ["ssh authentication failed for triage", "authentication failed"],
  ["ssh: connect ECONNREFUSED 10.0.0.7:22", "connection refused"],
  ["ssh: getaddrinfo ENOTFOUND db1.internal.example", "host name not found"],
  ["ssh: connect EHOSTUNREACH 10.0.0.7:22", "host unreachable"],
  ["ssh: Timed out while waiting for handshake", "timed out"],
  ["ssh connect did not finish within 5000 ms", "timed out"],
  ["ssh connection closed", "connection closed"],
  ["ssh: read ECONNRESET", "connection closed"],
  ["ssh exec: (SSH) Channel open failure: open failed", "the host refused a new channel"],
  ["cannot run /bin/sh: spawn /bin/sh EACCES", "cannot start a shell"],
  ["something new from ssh2 about db1.internal.example", null],
];

it("names the kind of failure, never the path, host or user", () => {
  for (const [message, category] of recorded) {
    expect(hostFailureCategory(new ProbeError(message))).toBe(category);
    const text = hostFailureText(new ProbeError(message));
    expect(text).toBe(category ? `the host connection failed (${category}): see the console's log` : "the host connection failed: see the console's log");
    expect(text).not.toMatch(/\/etc|id_ed25519|10\.0\.0\.7|example|triage|SHA256/);
  }
});
