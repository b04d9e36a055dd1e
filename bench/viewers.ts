// Controls the viewer child process (viewer-process.ts) over IPC.
import { fork } from "node:child_process";
import path from "node:path";
import { trackChild } from "./cleanup";
import { within } from "./table";

export interface ViewerSamples {
  /** Poll-to-viewer latency (ms) of every light viewer's every snapshot. */
  light: number[];
  /** Same, for the stock-parser viewer (includes decoding). */
  full: number[];
  /** Snapshot frame sizes (bytes of JSON) seen by one viewer. */
  bytes: number[];
  /** Stock-parser decode time of each snapshot (ms). */
  decodeMs: number[];
  /** Per snapshot: the latency of the first and of the last viewer to receive it. */
  firsts: number[];
  lasts: number[];
}

export class Viewers {
  private readonly child = fork(path.join(__dirname, "viewer-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  private readonly stopChild = trackChild(this.child, "viewer process");
  total = 0;

  private ask<T>(msg: object, reply: string, ms = 30_000): Promise<T> {
    const answer = new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type !== reply && m.type !== "error") return;
        this.child.off("message", onMessage);
        if (m.type === "error") reject(new Error(m.message));
        else resolve(m as T);
      };
      this.child.on("message", onMessage);
      this.child.send(msg);
    });
    return within(answer, ms, `viewer process (${reply})`);
  }

  /** Opens and subscribes more viewers; resolves once each got its first snapshot. */
  async open(url: string, targetId: string, light: number, full: number): Promise<void> {
    const r = await this.ask<{ sockets: number; subscribed: number; problems: string[] }>({ type: "open", url, targetId, light, full }, "opened", 60_000);
    this.total = r.subscribed;
    if (r.subscribed < r.sockets) console.log(`  ! only ${r.subscribed}/${r.sockets} viewers got a first snapshot: ${[...new Set(r.problems)].join("; ")}`);
  }

  reset(): Promise<unknown> {
    return this.ask({ type: "reset" }, "reset");
  }

  collect(): Promise<ViewerSamples> {
    return this.ask<ViewerSamples>({ type: "collect" }, "samples");
  }

  async close(): Promise<void> {
    if (this.child.connected) await this.ask({ type: "close" }, "closed", 5000).catch(() => {});
    await this.stopChild();
  }
}
