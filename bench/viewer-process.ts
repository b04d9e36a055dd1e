// A child process holding the benchmark's socket.io viewers, so that their work does not share an
// event loop with the server they measure. Driven over IPC by viewers.ts.
//
// "light" viewers are real socket.io-client sockets (handshake, rooms, heartbeats, the full frame
// over the websocket) whose decoder reads only takenAt and the frame size instead of JSON-parsing
// the whole snapshot: 50 browsers parse in parallel on 50 machines, while 50 sockets in one process
// would parse one after the other and measure that queue instead of the server. The "full" viewer
// uses the stock parser, so its latency includes decoding; its decode time is reported separately.
import { Decoder, Encoder } from "socket.io-parser";
import { io, type Socket } from "socket.io-client";

type Msg =
  | { type: "open"; url: string; targetId: string; light: number; full: number }
  | { type: "reset" }
  | { type: "collect" }
  | { type: "close" };

// engine.io strips its own "4" (message): the decoder sees the socket.io packet `2["snapshot",{...}]`.
const SNAPSHOT_PREFIX = '2["snapshot",';
const EVENT = 2; // socket.io-parser PacketType.EVENT

let bytes: number[] = [];
let bytesRecorder: Decoder | null = null; // the first viewer's decoder records frame sizes
const recordSize = (d: Decoder, frame: string) => {
  bytesRecorder ??= d;
  if (bytesRecorder === d) bytes.push(Buffer.byteLength(frame) - 1); // minus the "2" packet type
};

class LightDecoder extends Decoder {
  add(obj: unknown): void {
    if (typeof obj === "string" && obj.startsWith(SNAPSHOT_PREFIX)) {
      recordSize(this, obj);
      const m = /"takenAt":"([^"]+)"/.exec(obj.slice(0, 400));
      const packet = { type: EVENT, nsp: "/", data: ["snapshot", { takenAt: m?.[1] ?? null }] };
      (this as unknown as { emitReserved(ev: string, p: unknown): void }).emitReserved("decoded", packet);
      return;
    }
    super.add(obj);
  }
}

const decodeMs: number[] = [];
class TimedDecoder extends Decoder {
  add(obj: unknown): void {
    const snapshot = typeof obj === "string" && obj.startsWith(SNAPSHOT_PREFIX);
    if (snapshot) recordSize(this, obj as string);
    const t = performance.now();
    super.add(obj);
    if (snapshot) decodeMs.push(performance.now() - t);
  }
}

const sockets: Socket[] = [];
let light: number[] = [];
let full: number[] = [];
/** Per snapshot (by takenAt): the first and the last viewer's latency, to show the fan-out spread. */
let spread = new Map<string, { first: number; last: number }>();
let subscribed = 0;
const problems: string[] = [];

function open(url: string, targetId: string, kind: "light" | "full"): Promise<void> {
  const parser = kind === "light" ? { Encoder, Decoder: LightDecoder } : { Encoder, Decoder: TimedDecoder };
  const s = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, parser });
  sockets.push(s);
  return new Promise((resolve) => {
    // a viewer that gets nothing is reported (opened < asked), not fatal: the run goes on
    const timer = setTimeout(() => {
      problems.push(`no snapshot within 30 s (connected: ${s.connected})`);
      resolve();
    }, 30_000);
    let first = true;
    s.on("snapshot", (snap: { takenAt: string | null }) => {
      const now = Date.now();
      if (first) {
        first = false; // the cached snapshot sent on subscribe is not a poll-to-viewer delivery
        subscribed++;
        clearTimeout(timer);
        resolve();
        return;
      }
      if (!snap.takenAt) return;
      const latency = now - Date.parse(snap.takenAt);
      (kind === "light" ? light : full).push(latency);
      const seen = spread.get(snap.takenAt);
      if (seen) {
        seen.first = Math.min(seen.first, latency);
        seen.last = Math.max(seen.last, latency);
      } else spread.set(snap.takenAt, { first: latency, last: latency });
    });
    s.on("connect_error", (e) => {
      problems.push(`connect_error: ${e.message}`);
      clearTimeout(timer);
      resolve();
    });
    s.on("connect", () => s.emit("subscribe", { targetId }));
  });
}

process.on("message", async (msg: Msg) => {
  try {
    if (msg.type === "open") {
      const jobs: Promise<void>[] = [];
      for (let i = 0; i < msg.light; i++) jobs.push(open(msg.url, msg.targetId, "light"));
      for (let i = 0; i < msg.full; i++) jobs.push(open(msg.url, msg.targetId, "full"));
      await Promise.all(jobs);
      process.send!({ type: "opened", subscribed, sockets: sockets.length, problems: problems.splice(0) });
    } else if (msg.type === "reset") {
      light = [];
      full = [];
      bytes = [];
      decodeMs.length = 0;
      spread = new Map();
      process.send!({ type: "reset" });
    } else if (msg.type === "collect") {
      const firsts = [...spread.values()].map((v) => v.first);
      const lasts = [...spread.values()].map((v) => v.last);
      process.send!({ type: "samples", light, full, bytes, decodeMs: [...decodeMs], firsts, lasts });
    } else if (msg.type === "close") {
      sockets.forEach((s) => s.close());
      process.send!({ type: "closed" }, () => process.exit(0));
    }
  } catch (e) {
    process.send!({ type: "error", message: (e as Error).message });
  }
});
process.on("disconnect", () => process.exit(0)); // the benchmark went away
