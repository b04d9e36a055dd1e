// Fans each monitor's latest snapshot out to the sockets subscribed to its target. Viewers never
// cause queries: they only join rooms; a new subscriber gets the cached snapshot at once.
import type { IncomingMessage } from "node:http";
import type { Server, Socket } from "socket.io";
import { subscribePayload, type ClientToServerEvents, type ServerToClientEvents } from "../../socket-events";
import type { TargetMonitor } from "../monitor/target-monitor";

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export const roomOf = (targetId: string) => `target:${targetId}`;

/** A browser's Origin must name the host it connected to (no cross-site socket hijacking). */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser; authentication (next issue) covers those
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function attachHub(io: HubServer, monitors: Map<string, TargetMonitor>): () => void {
  const unsubscribers: Array<() => void> = [];
  for (const monitor of monitors.values()) {
    const onSnapshot = (s: Parameters<ServerToClientEvents["snapshot"]>[0]) => {
      // volatile: a viewer that cannot keep up gets the next snapshot, not a backlog
      io.to(roomOf(monitor.id)).volatile.emit("snapshot", s);
    };
    monitor.on("snapshot", onSnapshot);
    unsubscribers.push(() => monitor.off("snapshot", onSnapshot));
  }

  io.on("connection", (socket: HubSocket) => {
    socket.on("subscribe", (payload) => {
      const parsed = subscribePayload.safeParse(payload);
      if (!parsed.success) {
        socket.emit("triage:error", { event: "subscribe", code: "bad_request", message: `subscribe: ${parsed.error.issues[0].message}` });
        return;
      }
      const { targetId } = parsed.data;
      const monitor = monitors.get(targetId);
      if (!monitor) {
        socket.emit("triage:error", { event: "subscribe", code: "unknown_target", message: `unknown target "${targetId}"`, targetId });
        return;
      }
      socket.join(roomOf(targetId));
      socket.emit("history", { targetId, points: monitor.history() });
      const latest = monitor.latest();
      if (latest) socket.emit("snapshot", latest);
    });
    socket.on("unsubscribe", (payload) => {
      const parsed = subscribePayload.safeParse(payload);
      if (parsed.success) socket.leave(roomOf(parsed.data.targetId));
    });
  });

  return () => unsubscribers.forEach((u) => u());
}
