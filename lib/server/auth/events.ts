// "Someone lost access": emitted in this process at once, and sent through the store with NOTIFY so a
// console also hears about revocations made by the CLI (another process) or by another console.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { singleton } from "../registry";
import type { Db } from "../store/prisma";

export type RevokeReason =
  | "logout"
  | "session_revoked"
  | "user_sessions_revoked"
  | "token_revoked"
  | "user_disabled"
  | "role_changed"
  | "password_changed";

/** Drop the matching sockets: every one of userId's, or the one session's / token's. */
export interface RevokedEvent {
  reason: RevokeReason;
  userId?: string;
  sessionId?: string;
  tokenId?: string;
}

type AuthEventMap = {
  revoked: [RevokedEvent];
  /** The relay reconnected after a gap: events may have been missed, re-check every socket. */
  resync: [];
};

export const AUTH_CHANNEL = "pg_triage_auth";

const origin = () => singleton("authEventsOrigin", () => randomUUID());

export function authEvents(): EventEmitter<AuthEventMap> {
  return singleton("authEvents", () => new EventEmitter<AuthEventMap>().setMaxListeners(0));
}

/** Emits locally and notifies other processes. A failed NOTIFY is not fatal: the change is committed. */
export async function publishRevoked(db: Db, event: RevokedEvent): Promise<void> {
  authEvents().emit("revoked", event);
  const payload = JSON.stringify({ origin: origin(), ...event });
  await db.$queryRaw`SELECT pg_notify(${AUTH_CHANNEL}, ${payload})`.catch(() => {});
}

export interface AuthEventRelay {
  stop(): Promise<void>;
}

/** Listens on the store and re-emits other processes' revocations on authEvents(); reconnects with backoff. */
export async function relayAuthEvents(connectionString: string, log: (line: string) => void = () => {}): Promise<AuthEventRelay> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const onNotification = (msg: pg.Notification) => {
    try {
      const { origin: from, ...event } = JSON.parse(msg.payload ?? "") as RevokedEvent & { origin?: string };
      if (from !== origin() && typeof event.reason === "string") authEvents().emit("revoked", event);
    } catch {
      // not ours: ignore
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, application_name: "pg-triage-auth-events" });
    c.on("notification", onNotification);
    c.on("error", () => {});
    c.on("end", () => {
      if (stopped || client !== c) return;
      client = null;
      log("auth event relay: connection to the store lost, reconnecting");
      schedule(1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${AUTH_CHANNEL}`);
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    if (stopped) await c.end().catch(() => {});
    else client = c;
  };

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      connect().then(
        () => authEvents().emit("resync"),
        () => !stopped && schedule(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    timer.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
