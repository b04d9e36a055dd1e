import type { TargetConfig } from "../config";
import { LocalTransport } from "./local";
import { SshTransport } from "./ssh";
import type { HostTransport } from "./transport";

/** The transport for a target's `host` config; null when it has none. */
export function createHostTransport(host: TargetConfig["host"]): HostTransport | null {
  if (!host) return null;
  if ("local" in host) return new LocalTransport();
  return new SshTransport(host.ssh);
}
