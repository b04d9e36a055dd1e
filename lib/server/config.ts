import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { targetIdSchema } from "../socket-events";

const postgresUrl = z
  .string()
  .min(1)
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL");

const sshHost = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1),
    privateKeyPath: z.string().min(1),
    hostKey: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "must be a SHA256 fingerprint as printed by ssh-keygen -lf (SHA256:...)"),
  })
  .strict();

/** A log file on the target's host: an absolute path, read by fixed commands (never through a shell word split). */
const logPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._@%+=:,\/-]+$/, "must be an absolute path of letters, digits and . _ @ % + = : , / -");

/** A containment command (runbook steps 0, 2.1, 2.4, 3.4): its text comes only from this file. */
const commandSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes (e.g. pause-cron)"),
    label: z.string().min(1).max(200).optional(),
    /** Run by /bin/sh -c on the target's host (ssh or local). */
    run: z.string().min(1).max(4000),
    /** The least role allowed to run it. */
    role: z.enum(["operator", "admin"]).default("admin"),
    timeoutSeconds: z.number().int().min(1).max(600).default(30),
    /** Runbook step keys it belongs to (lib/runbook.ts), shown beside those steps. */
    steps: z.array(z.string().min(1).max(20)).max(20).default([]),
  })
  .strict();

const positive = z.number().positive();
const alertsSchema = z
  .object({
    memAvailablePercentBelow: z.number().gt(0).lt(100).optional(),
    /** Pages per second. */
    swapInPerSecAbove: positive.optional(),
    psiFullAvg10Above: z.number().gt(0).max(100).optional(),
    oomKill: z.boolean().default(true),
    idleInTransactionCountAbove: z.number().int().min(0).optional(),
    idleInTransactionSecondsAbove: positive.optional(),
    connectionsPercentAbove: z.number().gt(0).max(100).optional(),
    tempBytesPerSecAbove: positive.optional(),
    /** A rule that fired is not sent again within this time, however often it flaps. */
    cooldownSeconds: z.number().int().min(0).max(86_400).default(300),
    webhook: z.object({ url: z.string().url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL") }).strict().optional(),
  })
  .strict();

const targetSchema = z
  .object({
    id: targetIdSchema,
    name: z.string().min(1).max(200).optional(),
    postgres: z.object({ url: postgresUrl, logPath: logPath.optional() }).strict(),
    host: z.union([z.object({ ssh: sshHost }).strict(), z.object({ local: z.literal(true) }).strict()]).optional(),
    odoo: z
      .object({
        /** Base URL of Odoo: the verification panel GETs <url>/web/login. */
        url: z.string().url().optional(),
        logPath: logPath.optional(),
        /** Odoo's database when it is not the one in postgres.url (for the ir_cron backlog). */
        database: z.string().min(1).max(63).optional(),
        /** Odoo's limit_memory_soft / limit_memory_hard in bytes: workers' virtual size is shown against them. */
        limitMemorySoft: z.number().int().positive().optional(),
        limitMemoryHard: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    commands: z.array(commandSchema).max(50).optional(),
    alerts: alertsSchema.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const names = new Set<string>();
    (t.commands ?? []).forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: "custom", path: ["commands", i, "name"], message: `duplicate command name "${c.name}"` });
      names.add(c.name);
    });
    if (t.commands?.length && !t.host) ctx.addIssue({ code: "custom", path: ["commands"], message: "commands need a host (ssh or local) to run on" });
    const { limitMemorySoft: soft, limitMemoryHard: hard } = t.odoo ?? {};
    if (soft !== undefined && hard !== undefined && soft > hard) ctx.addIssue({ code: "custom", path: ["odoo", "limitMemorySoft"], message: "must not exceed odoo.limitMemoryHard (Odoo recycles at soft, kills at hard)" });
    if ((t.postgres.logPath || t.odoo?.logPath) && !t.host) ctx.addIssue({ code: "custom", path: ["host"], message: "log files are read over the host connection: configure host" });
  });

export type CommandConfig = z.infer<typeof commandSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;

const configSchema = z
  .object({
    targets: z.array(targetSchema).min(1, "at least one target is required"),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.targets.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: ["targets", i, "id"], message: `duplicate target id "${t.id}"` });
      seen.add(t.id);
    });
  });

export type TargetConfig = z.infer<typeof targetSchema> & { name: string };
export interface TriageConfig {
  targets: TargetConfig[];
}

/** Environment variables; a plain record so callers (and tests) need not fake NODE_ENV. */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Replaces ${NAME} in every string of the parsed YAML; an unset variable is an error, never an empty secret. */
export function interpolateEnv(value: unknown, env: Env, path: string[] = []): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) throw new ConfigError(`${path.join(".") || "(root)"}: environment variable ${name} is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, [...path, String(i)]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, [...path, k])]));
  }
  return value;
}

export function parseConfig(raw: unknown, source: string): TriageConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ConfigError(`invalid config in ${source}:\n${lines.join("\n")}`);
  }
  return { targets: result.data.targets.map((t) => ({ ...t, name: t.name ?? t.id })) };
}

/** Reads the targets: TRIAGE_TARGET_URL (one target "default") or the YAML file TRIAGE_CONFIG (default ./triage.yaml). */
export function loadConfig(env: Env = process.env): TriageConfig {
  if (env.TRIAGE_TARGET_URL) {
    return parseConfig({ targets: [{ id: "default", name: "default", postgres: { url: env.TRIAGE_TARGET_URL } }] }, "TRIAGE_TARGET_URL");
  }
  const file = env.TRIAGE_CONFIG ?? "./triage.yaml";
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === "ENOENT"
        ? `config file ${file} not found: set TRIAGE_CONFIG to a YAML file, or TRIAGE_TARGET_URL to one postgres:// URL`
        : `config file ${file} cannot be read: ${(e as Error).message}`,
    );
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`config file ${file} is not valid YAML: ${(e as Error).message}`);
  }
  return parseConfig(interpolateEnv(doc, env), file);
}

/** A postgres URL with its password replaced, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

export interface ServerEnv {
  host: string;
  port: number;
  pollMs: number;
}

const serverEnvSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TRIAGE_POLL_MS: z.coerce.number().int().min(100, "must be at least 100 ms").max(60_000).default(1000),
});

export function loadServerEnv(env: Env = process.env): ServerEnv {
  const r = serverEnvSchema.safeParse(env);
  if (!r.success) {
    throw new ConfigError(`invalid environment:\n${r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return { host: r.data.HOST, port: r.data.PORT, pollMs: r.data.TRIAGE_POLL_MS };
}
