// Targets and their action connections, shared by route handlers and server.ts via the registry.
import { getMonitors, consolePids } from "../monitors";
import type { TargetMonitor } from "../monitor/target-monitor";
import { registered, singleton, unregister } from "../registry";
import { ActionConnection } from "./action-connection";

export interface ActionTarget {
  id: string;
  name: string;
  url: string;
  monitor: TargetMonitor;
}

const KEY = "actionConnections";
const connections = () => singleton(KEY, () => new Map<string, ActionConnection>());

/** The configured target with this id, or null. */
export function resolveTarget(id: string): ActionTarget | null {
  const monitor = getMonitors().get(id);
  if (!monitor) return null;
  return { id: monitor.id, name: monitor.name, url: monitor.postgresUrl, monitor };
}

export function actionConnectionFor(target: ActionTarget): ActionConnection {
  const map = connections();
  let c = map.get(target.id);
  if (!c) {
    c = new ActionConnection(target.url, consolePids());
    map.set(target.id, c);
  }
  return c;
}

/** On shutdown (server.ts) and between tests: closes every action connection. */
export async function closeActionConnections(): Promise<void> {
  const map = registered<Map<string, ActionConnection>>(KEY);
  if (!map) return;
  unregister(KEY);
  await Promise.all([...map.values()].map((c) => c.close()));
}

