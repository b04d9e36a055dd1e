// Each target's signal sources and their latest status: set by the watcher, read by the API (in memory).
import type { SignalSource, SignalSourceStatus } from "../../signals";
import type { TargetConfig } from "../config";
import { singleton } from "../registry";

const statuses = () => singleton("signalSourceStatuses", () => new Map<string, SignalSourceStatus[]>());

/** What the config says each source is, before anything was read. */
export function configuredSources(t: TargetConfig): SignalSourceStatus[] {
  const pending = (source: SignalSource, origin: string): SignalSourceStatus => ({ source, origin, status: "pending", lastReadAt: null });
  const unset = (source: SignalSource, origin: string, error: string): SignalSourceStatus => ({ source, origin, status: "not_configured", error, lastReadAt: null });
  return [
    pending("postgres", t.postgres.logPath ?? "pg_read_file"),
    t.odoo?.logPath ? pending("odoo", t.odoo.logPath) : unset("odoo", "odoo.logPath", "odoo.logPath is not set in the config"),
    t.host ? pending("kernel", "kernel log") : unset("kernel", "kernel log", "no host in the config: the kernel log is read over the host connection"),
  ];
}

/** The watcher's latest, or what the config says (no watcher in this process, or not read yet). */
export function sourceStatuses(t: TargetConfig): SignalSourceStatus[] {
  return statuses().get(t.id) ?? configuredSources(t);
}

export function setSourceStatuses(targetId: string, list: SignalSourceStatus[]): void {
  statuses().set(targetId, list);
}

export function clearSourceStatuses(targetId: string): void {
  statuses().delete(targetId);
}
