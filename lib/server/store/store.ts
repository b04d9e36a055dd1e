// The store opened by server.ts, shared with route handlers through the globalThis registry (Next
// bundles its own copy of this module, so a module-level variable would not be seen there).
import { register, registered, unregister } from "../registry";
import type { EmbeddedStore } from "./embedded";
import type { Db } from "./prisma";

export interface Store {
  prisma: Db;
  /** postgresql:// URL of the store database (for the embedded store: through its socket folder). */
  url: string;
  /** True for the embedded PostgreSQL under ./data/store, false for TRIAGE_STORE_URL. */
  embedded: boolean;
  /** The embedded server's handle (to watch and restart it); absent with TRIAGE_STORE_URL. */
  server?: EmbeddedStore;
  /** Disconnects, and stops the embedded server when this process started it. */
  stop(): Promise<void>;
}

const KEY = "store";

export function setStore(store: Store): Store {
  return register(KEY, store);
}

export function getStore(): Store {
  const s = registered<Store>(KEY);
  if (!s) throw new Error("the store is not open: server.ts must call openStore() and setStore() before serving requests");
  return s;
}

export const getPrisma = (): Db => getStore().prisma;

export function clearStore(): void {
  unregister(KEY);
}
