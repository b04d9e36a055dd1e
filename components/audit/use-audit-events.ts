"use client";
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AuditEntry } from "@/lib/audit";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/socket-events";

/** Every audit row as the server writes it (broadcast to all logged-in sockets); returns whether the socket is up. */
export function useAuditEvents(onEntry: (entry: AuditEntry) => void): boolean {
  const handler = useRef(onEntry);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    handler.current = onEntry;
  });
  useEffect(() => {
    // WebSocket only, as the live view: its handshake carries Origin, which the server requires.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: "/socket.io", transports: ["websocket"] });
    socket.on("connect", () => setConnected(true));
    socket.on("disconnect", () => setConnected(false));
    socket.on("audit", (entry) => handler.current(entry));
    return () => {
      socket.disconnect();
    };
  }, []);
  return connected;
}
