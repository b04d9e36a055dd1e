// Fans each monitor's latest snapshot out to the sockets subscribed to its target. Viewers never
// cause queries: they only join rooms; a new subscriber gets the cached snapshot at once.
import type { Server, Socket } from "socket.io";
import { can, deniedReason } from "../../permissions";
import { subscribePayload, type ClientToServerEvents, type ServerToClientEvents } from "../../socket-events";
import type { Credentials } from "../auth/authenticate";
import type { Principal } from "../auth/sessions";
import type { TargetMonitor } from "../monitor/target-monitor";

/** Set by the handshake (socket-auth.ts). */
export interface SocketData {
  principal: Principal;
  credentials: Credentials;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const roomOf = (targetId: string) => `target:${targetId}`;

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
      // Checked on every event, not only at the handshake: the role may have changed since.
      const role = socket.data.principal?.role;
      if (!can(role, "sessions.read")) {
        socket.emit("triage:error", { event: "subscribe", code: "forbidden", message: deniedReason(role, "sessions.read") ?? "forbidden" });
        return;
      }
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
      const hostHistory = monitor.hostHistory();
      socket.emit("history", { targetId, points: monitor.history(), ...(hostHistory ? { hostHistory } : {}) });
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
