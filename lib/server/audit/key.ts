// The audit HMAC key: TRIAGE_AUDIT_KEY, else a key file beside the store (./data/audit.key), created
// on first start with mode 0600. Never in the store: whoever can rewrite rows must not be able to rehash them.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "../config";
import { registered, register } from "../registry";

export const MIN_KEY_CHARS = 32;
const REGISTRY_KEY = "auditKey";

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditKeyError";
  }
}

/** ./data/audit.key by default: the parent of the store's folder (TRIAGE_STORE_DIR, ./data/store). */
export function auditKeyPath(env: Env = process.env): string {
  // turbopackIgnore: a runtime path outside the bundle; without it Next traces the whole project.
  if (env.TRIAGE_AUDIT_KEY_FILE) return path.resolve(/* turbopackIgnore: true */ env.TRIAGE_AUDIT_KEY_FILE);
  const storeDir = path.resolve(/* turbopackIgnore: true */ env.TRIAGE_STORE_DIR || "./data/store");
  return path.join(/* turbopackIgnore: true */ path.dirname(storeDir), "audit.key");
}

function checkKeyText(text: string, where: string): Buffer {
  const key = text.trim();
  if (key.length < MIN_KEY_CHARS) throw new AuditKeyError(`${where} is too short: the audit key needs at least ${MIN_KEY_CHARS} characters`);
  return Buffer.from(key, "utf8");
}

function readKeyFile(file: string): Buffer {
  const st = fs.statSync(file);
  if (!st.isFile()) throw new AuditKeyError(`the audit key file ${file} is not a regular file`);
  if (st.mode & 0o077) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, "0");
    throw new AuditKeyError(`the audit key file ${file} is accessible by group or others (mode ${mode}): run chmod 600 ${file}`);
  }
  return checkKeyText(fs.readFileSync(file, "utf8"), `the audit key file ${file}`);
}

/**
 * Writes a new key atomically (link() fails if another process created one meanwhile: then use theirs).
 * A folder it creates is 0711, not 0700: the embedded store lives beside the key (./data/store) and its
 * PostgreSQL runs as another user that must traverse it; the key itself stays 0600.
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o711 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "w" });
  fs.chmodSync(tmp, 0o600); // whatever the umask
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface LoadKeyOptions {
  env?: Env;
  /** Create the key file when missing (the console). The CLI's `audit verify` must not: a new key verifies nothing. */
  create?: boolean;
  log?: (line: string) => void;
}

export function loadAuditKey(opts: LoadKeyOptions = {}): Buffer {
  const env = opts.env ?? process.env;
  if (env.TRIAGE_AUDIT_KEY) return checkKeyText(env.TRIAGE_AUDIT_KEY, "TRIAGE_AUDIT_KEY");
  const file = auditKeyPath(env);
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      if (e instanceof AuditKeyError) throw e;
      throw new AuditKeyError(`cannot read the audit key file ${file}: ${(e as Error).message}`);
    }
  }
  if (!opts.create) throw new AuditKeyError(`no audit key: TRIAGE_AUDIT_KEY is unset and ${file} does not exist`);
  try {
    createKeyFile(file);
  } catch (e) {
    throw new AuditKeyError(`cannot create the audit key file ${file}: ${(e as Error).message}`);
  }
  opts.log?.(`created the audit key file ${file} (mode 0600): back it up; without it the audit trail cannot be verified`);
  return readKeyFile(file);
}

/** The process's key, loaded (and created when missing) once; shared with route handlers through the registry. */
export function getAuditKey(opts: LoadKeyOptions = {}): Buffer {
  return registered<Buffer>(REGISTRY_KEY) ?? register(REGISTRY_KEY, loadAuditKey({ create: true, ...opts }));
}

/** server.ts at start-up (fail fast on a bad key file), and tests. */
export function setAuditKey(key: Buffer | string): Buffer {
  return register(REGISTRY_KEY, typeof key === "string" ? checkKeyText(key, "the audit key") : key);
}

export const initAuditKey = (opts: LoadKeyOptions = {}) => setAuditKey(loadAuditKey({ create: true, ...opts }));
