// The action connections' health by target, for the monitor's snapshot. Imports no monitor code, so
// the monitor can read it without an import cycle through the action registry.
import type { ActionConnectionHealth } from "../../snapshot";
import { registered } from "../registry";
import type { ActionConnection } from "./action-connection";
import type { ActionKeeper } from "./action-keeper";

export const ACTION_CONNECTIONS_KEY = "actionConnections";

export interface KeptConnection {
  conn: ActionConnection;
  keeper: ActionKeeper;
}

/** null where no action connection was opened for the target (no server.ts, or not yet used). */
export function actionHealthOf(targetId: string): ActionConnectionHealth | null {
  return registered<Map<string, KeptConnection>>(ACTION_CONNECTIONS_KEY)?.get(targetId)?.keeper.health() ?? null;
}
