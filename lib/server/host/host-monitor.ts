// One poll loop per host, independent of the PostgreSQL monitor: a host that is down, refuses us
// or answers slowly only marks the host part down; the PostgreSQL snapshot takes the latest result.
import { hostFailureDetail, hostFailureText } from "./host-error";
import { EventEmitter } from "node:events";
import type { HostHistoryPoint, HostProcess, HostSnapshot, OdooMemoryLimits, Session } from "../../snapshot";
import { pickCgroup } from "./cgroup";
import { hostHistoryPointOf } from "../../host-history";
import { HistoryRing } from "../monitor/history";
import { oomKillLines, parseKernelLog, type KernelLog } from "./kernel-log";
import { OomTracker } from "./oom";
import type { BackendCrash } from "../signals/crash-lines";
import { parseProbe, type ProbeSample } from "./parse-probe";
import { KERNEL_LOG_SCRIPT, PROBE_SCRIPT, splitSections } from "./probe-script";
import type { HostTransport } from "./transport";
import { vmstatRates, type VmstatSample } from "./vmstat";

export interface HostMonitorOptions {
  pollMs: number;
  /** Names the host in the server's log (the target id). */
  label?: string;
  /** Client-side deadline of one probe (default 6 s: the host's own `timeout 5` plus a margin). */
  deadlineMs?: number;
  /** The latest session lists of the target's PostgreSQL monitor, newest first (for the OOM link). */
  recentSessions?: () => Session[][];
  historyCapacity?: number;
  /** Odoo's limit_memory_soft/hard from the target's config, carried to the panel in each snapshot. */
  odooLimits?: OdooMemoryLimits | null;
}

/** The limits of a target's odoo config section; null when neither is set. */
export function odooLimitsOf(odoo: { limitMemorySoft?: number; limitMemoryHard?: number } | undefined): OdooMemoryLimits | null {
  if (odoo?.limitMemorySoft === undefined && odoo?.limitMemoryHard === undefined) return null;
  return { softBytes: odoo.limitMemorySoft ?? null, hardBytes: odoo.limitMemoryHard ?? null };
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000]; // capped below 5 s

export class HostMonitor extends EventEmitter<{ probe: [HostSnapshot] }> {
  readonly stats = { probes: 0, failures: 0, kernelLogReads: 0 };
  private latestHost: HostSnapshot | null = null;
  private byPid = new Map<number, HostProcess>();
  private prevVmstat: VmstatSample | null = null;
  private readonly oom = new OomTracker();
  private kernelLog: KernelLog | null = null;
  private readonly ring: HistoryRing<HostHistoryPoint>;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private failuresInARow = 0;
  private lastFailureLogged: string | null = null;
  private lastGood: HostSnapshot | null = null;

  constructor(readonly transport: HostTransport, private readonly opts: HostMonitorOptions) {
    super();
    this.ring = new HistoryRing<HostHistoryPoint>(opts.historyCapacity ?? 900);
  }

  get deadlineMs(): number {
    return this.opts.deadlineMs ?? 6000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop?.catch(() => {});
    await this.transport.close();
  }

  latest(): HostSnapshot | null {
    return this.latestHost;
  }

  /** The latest result, or a "down" placeholder until the first probe answers. */
  current(): HostSnapshot {
    return this.latestHost ?? { ...EMPTY(this.transport.kind), error: "waiting for the first probe" };
  }

  /** Host processes by pid, built once per probe so the PostgreSQL poll joins in O(1) per session. */
  processByPid(): Map<number, HostProcess> {
    return this.byPid;
  }

  history(): HostHistoryPoint[] {
    return this.ring.toArray();
  }

  /** The kernel log's OOM lines as last read (at start and after each oom_kill increment), for the incident signals; null before the first read. */
  kernelLogRead(): KernelLog | null {
    return this.kernelLog;
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.loop = this.tick().finally(() => (this.loop = null));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      await this.probeOnce();
      this.failuresInARow = 0;
      this.lastFailureLogged = null;
      this.schedule(Math.max(0, this.opts.pollMs - (Date.now() - started)));
    } catch (e) {
      this.stats.failures++;
      // Viewers get a safe category; the detail (key paths, hosts, users) goes to the server's log once per change.
      const detail = hostFailureDetail(e);
      if (detail !== this.lastFailureLogged) console.error(`pg-triage: ${this.opts.label ?? "host"}: host probe failed: ${detail}`);
      this.lastFailureLogged = detail;
      this.publish(this.downSnapshot(hostFailureText(e)));
      this.schedule(BACKOFF_MS[Math.min(this.failuresInARow++, BACKOFF_MS.length - 1)]);
    }
  }

  /** One probe: one exec of the fixed script (plus a kernel-log read when oom_kill went up). */
  async probeOnce(): Promise<HostSnapshot> {
    const started = Date.now();
    const out = await this.transport.run(PROBE_SCRIPT, this.deadlineMs);
    const sample = parseProbe(out, Date.now());
    this.stats.probes++;
    if (this.kernelLog === null) {
      this.kernelLog = await this.readKernelLog();
      this.oom.markSeen(oomKillLines(this.kernelLog));
    }
    const newKills = this.oom.increment(sample.vmstat.oomKill) > 0;
    if (newKills && !this.kernelLog.denied) this.kernelLog = await this.readKernelLog();
    const at = new Date();
    this.oom.observe({
      oomKill: sample.vmstat.oomKill,
      processes: sample.processes,
      killLines: this.kernelLog.denied ? null : oomKillLines(this.kernelLog),
      lookupSession: (pid) => this.lookupSession(pid),
      at,
    });
    const snap = this.assemble(sample, at, Date.now() - started);
    this.lastGood = snap;
    this.byPid = new Map(snap.processes.map((p) => [p.pid, p]));
    this.ring.push(hostHistoryPointOf(snap, Date.parse(snap.takenAt)));
    this.publish(snap);
    return snap;
  }

  private async readKernelLog(): Promise<KernelLog> {
    this.stats.kernelLogReads++;
    try {
      return parseKernelLog(splitSections(await this.transport.run(KERNEL_LOG_SCRIPT, this.deadlineMs)));
    } catch (e) {
      return { source: null, denied: `kernel log not readable: ${(e as Error).message}`, lines: [] };
    }
  }

  /** From the signal reader: backends PostgreSQL's log says were killed, with the statement each was running. */
  noteBackendCrashes(crashes: readonly BackendCrash[]): void {
    this.oom.noteCrashes(crashes);
  }

  private lookupSession(pid: number): Session | null {
    for (const sessions of this.opts.recentSessions?.() ?? []) {
      const s = sessions.find((x) => x.pid === pid);
      if (s) return s;
    }
    return null;
  }

  private assemble(s: ProbeSample, at: Date, probeMs: number): HostSnapshot {
    const rates = vmstatRates(this.prevVmstat, s.vmstat);
    this.prevVmstat = s.vmstat;
    // The target's postmaster is the parent of a backend the PostgreSQL monitor sees.
    const sessionPids = new Set((this.opts.recentSessions?.()[0] ?? []).map((x) => x.pid));
    const postmasters = new Set(s.processes.filter((p) => sessionPids.has(p.pid)).map((p) => p.ppid));
    const cg = pickCgroup(s.cgroups, postmasters);
    const processes: HostProcess[] = s.processes.map(({ ppid: _ppid, ...p }) => p);
    return {
      status: "up",
      ...(this.kernelLog?.denied ? { kernelLogUnavailable: this.kernelLog.denied } : {}),
      transport: this.transport.kind,
      takenAt: at.toISOString(),
      lastProbeAt: at.toISOString(),
      probeMs,
      ...s.meminfo,
      swapInPerSec: rates?.swapInPerSec ?? null,
      swapOutPerSec: rates?.swapOutPerSec ?? null,
      majorFaultsPerSec: rates?.majorFaultsPerSec ?? null,
      psi: s.psi.psi,
      ...(s.psi.psi === null ? { psiUnavailable: s.psi.unavailable } : {}),
      loadAvg: s.loadAvg,
      oomKills: s.vmstat.oomKill ?? 0,
      oomEvents: [...this.oom.events],
      cgroup: cg ? { memoryCurrentBytes: cg.memoryCurrentBytes, memoryMaxBytes: cg.memoryMaxBytes, oomKills: cg.oomKills } : null,
      processes,
      ...(this.opts.odooLimits ? { odooLimits: this.opts.odooLimits } : {}),
    };
  }

  /** Down keeps the last numbers (marked by status and lastProbeAt) so the panel can show what it last knew. */
  private downSnapshot(error: string): HostSnapshot {
    const base = this.lastGood ?? EMPTY(this.transport.kind);
    this.byPid = new Map();
    return { ...base, status: "down", error, takenAt: new Date().toISOString(), probeMs: null, oomEvents: [...this.oom.events] };
  }

  private publish(h: HostSnapshot) {
    this.latestHost = h;
    this.emit("probe", h);
  }
}

const EMPTY = (transport: HostSnapshot["transport"]): HostSnapshot => ({
  status: "down", transport, takenAt: new Date().toISOString(), lastProbeAt: null, probeMs: null,
  memTotalBytes: 0, memAvailableBytes: 0, buffersBytes: 0, cachedBytes: 0, shmemBytes: 0, anonBytes: 0,
  committedAsBytes: 0, commitLimitBytes: 0, swapTotalBytes: 0, swapFreeBytes: 0,
  swapInPerSec: null, swapOutPerSec: null, majorFaultsPerSec: null, psi: null, loadAvg: [0, 0, 0],
  oomKills: 0, oomEvents: [], cgroup: null, processes: [],
});
