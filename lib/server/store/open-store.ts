// Opens the store: TRIAGE_STORE_URL when set, else the embedded PostgreSQL under ./data/store;
// applies pending migrations; returns a Prisma client. Never the monitored database.
import path from "node:path";
import { z } from "zod";
import { ConfigError, redactUrl, type Env } from "../config";
import { startEmbeddedStore, StoreError, type EmbeddedStore } from "./embedded";
import { migrate } from "./migrate";
import { MigrationError, readMigrations, type Migration } from "./migrations";
import type { OwnerRole } from "./postmaster";
import { createPrismaClient } from "./prisma";
import type { Store } from "./store";

export { StoreError } from "./embedded";

export interface OpenStoreOptions {
  env?: Env;
  /** "console" (default) owns the embedded server; "shared" (the CLI) attaches to a running one. */
  role?: OwnerRole;
  /** Override TRIAGE_STORE_DIR / ./data/store. */
  dataDir?: string;
  /** Override ./prisma/migrations (tests). */
  migrations?: Migration[];
  log?: (line: string) => void;
}

const storeEnvSchema = z.object({
  TRIAGE_STORE_URL: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRIAGE_STORE_DIR: z.string().min(1).default("./data/store"),
});

export interface StoreEnv {
  url?: string;
  dir: string;
}

export function loadStoreEnv(env: Env = process.env): StoreEnv {
  const r = storeEnvSchema.safeParse(env);
  if (!r.success) throw new ConfigError(`invalid environment:\n${r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return { url: r.data.TRIAGE_STORE_URL, dir: path.resolve(r.data.TRIAGE_STORE_DIR) };
}

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const log = opts.log ?? (() => {});
  const env = loadStoreEnv(opts.env ?? process.env);
  const migrations = opts.migrations ?? readMigrations(); // fail on a missing folder before starting anything
  let embedded: EmbeddedStore | null = null;
  let url: string;
  if (env.url) {
    url = env.url;
  } else {
    embedded = await startEmbeddedStore({ root: opts.dataDir ?? env.dir, role: opts.role ?? "console", log });
    url = embedded.url;
    const rel = path.relative(process.cwd(), path.resolve(opts.dataDir ?? env.dir));
    log(`${embedded.owned ? "started" : "attached to"} the embedded store in ${rel.startsWith("..") ? path.resolve(opts.dataDir ?? env.dir) : rel}`);
  }
  try {
    const r = await migrate(url, { migrations, log });
    if (r.applied.length) log(`store migrations applied: ${r.applied.join(", ")}`);
  } catch (e) {
    await embedded?.stop().catch(() => {});
    if (e instanceof StoreError || e instanceof MigrationError || !(e instanceof Error)) throw e;
    throw new StoreError(`cannot prepare the store at ${redactUrl(url)}: ${e.message}`);
  }
  const prisma = createPrismaClient(url);
  let stopped = false;
  return {
    prisma,
    url,
    embedded: embedded !== null,
    ...(embedded ? { server: embedded } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      await prisma.$disconnect().catch(() => {});
      await embedded?.stop();
    },
  };
}
