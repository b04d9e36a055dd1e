// Targets and their action connections, shared by route handlers and server.ts via the registry.
import { getMonitors, consolePids } from "../monitors";
import type { TargetMonitor } from "../monitor/target-monitor";
import { registered, singleton, unregister } from "../registry";
import { ActionConnection } from "./action-connection";
import { ACTION_CONNECTIONS_KEY as KEY, type KeptConnection } from "./action-health";
import { ActionKeeper } from "./action-keeper";

export interface ActionTarget {
  id: string;
  name: string;
  url: string;
  monitor: TargetMonitor;
}

const connections = () => singleton(KEY, () => new Map<string, KeptConnection>());

/** The configured target with this id, or null. */
export function resolveTarget(id: string): ActionTarget | null {
  const monitor = getMonitors().get(id);
  if (!monitor) return null;
  return { id: monitor.id, name: monitor.name, url: monitor.postgresUrl, monitor };
}

/** The target's action connection, opened (and from then on kept open) on first call. */
export function actionConnectionFor(target: ActionTarget): ActionConnection {
  const map = connections();
  let kept = map.get(target.id);
  if (!kept) {
    const conn = new ActionConnection(target.url, consolePids());
    kept = { conn, keeper: new ActionKeeper(conn) };
    map.set(target.id, kept);
    kept.keeper.start();
  }
  return kept.conn;
}

/** At start (server.ts): every target's action connection is opened now, not at the first action. */
export function openActionConnections(): void {
  for (const id of getMonitors().keys()) actionConnectionFor(resolveTarget(id)!);
}

/** On shutdown (server.ts) and between tests: closes every action connection. */
export async function closeActionConnections(): Promise<void> {
  const map = registered<Map<string, KeptConnection>>(KEY);
  if (!map) return;
  unregister(KEY);
  for (const k of map.values()) k.keeper.stop();
  await Promise.all([...map.values()].map((k) => k.conn.close()));
}
