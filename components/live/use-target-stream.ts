"use client";
import { useEffect, useReducer, useRef } from "react";
import type { AuditEntry } from "@/lib/audit";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/socket-events";
import { initialStreamState, streamReducer, type StreamState } from "./stream-state";

type TriageSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Subscribes to one target's snapshots over socket.io (same origin) for as long as the view is mounted.
 * `onAudit` receives every audit row the server broadcasts, on the same socket.
 */
export function useTargetStream(targetId: string, onAudit?: (entry: AuditEntry) => void): StreamState {
  const [state, dispatch] = useReducer(streamReducer, initialStreamState);
  const auditHandler = useRef(onAudit);
  useEffect(() => {
    auditHandler.current = onAudit;
  });

  useEffect(() => {
    // WebSocket only: its handshake always carries Origin, which the server requires with a cookie.
    const socket: TriageSocket = io({ path: "/socket.io", transports: ["websocket"] });
    // Subscribe on every (re)connect: the server forgets rooms when the socket drops.
    socket.on("connect", () => {
      dispatch({ type: "connected" });
      socket.emit("subscribe", { targetId });
    });
    socket.on("disconnect", (reason) => dispatch({ type: "disconnected", reason: `socket ${reason}` }));
    socket.on("connect_error", (err) => dispatch({ type: "error", message: `cannot reach the console: ${err.message}` }));
    socket.on("triage:error", (err) => {
      if (err.targetId === undefined || err.targetId === targetId) dispatch({ type: "error", message: err.message });
    });
    socket.on("snapshot", (snapshot) => {
      if (snapshot.targetId === targetId) dispatch({ type: "snapshot", snapshot, receivedAt: Date.now() });
    });
    socket.on("history", ({ targetId: id, points, hostHistory }) => {
      if (id === targetId) dispatch({ type: "history", points, hostPoints: hostHistory });
    });
    socket.on("audit", (entry) => auditHandler.current?.(entry));
    return () => {
      socket.disconnect();
    };
  }, [targetId]);

  return state;
}
