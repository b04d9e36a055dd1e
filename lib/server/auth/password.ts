// Password hashing with node's scrypt (memory-hard), self-describing so the cost can be raised later:
// scrypt$N$r$p$<salt base64url>$<hash base64url>. Old hashes keep verifying and are upgraded at login.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 2^15 x 8 x 128 B = 32 MiB and ~150 ms per hash on this kind of machine (see password.test.ts). */
export const PRODUCTION_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_PASSWORD_BYTES = 1024;
// At most two hashes at once: each holds 32 MiB and a libuv thread; a login flood must not starve the
// threadpool (fs, dns) or balloon the console's memory on a host that is already short of it.
const MAX_CONCURRENT = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, keylen: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 2 * 1024 * 1024 };
  return limited(
    () => new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)))),
  );
}

function validParams({ N, r, p }: ScryptParams): boolean {
  const pow2 = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return pow2 && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}

export function checkPasswordLength(password: string): void {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new Error(`password is longer than ${MAX_PASSWORD_BYTES} bytes`);
}

export async function hashPassword(password: string, params: ScryptParams = PRODUCTION_SCRYPT): Promise<string> {
  if (!validParams(params)) throw new Error(`invalid scrypt parameters ${JSON.stringify(params)}`);
  checkPasswordLength(password);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parse(encoded: string): Parsed | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN));
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  if (!validParams({ N, r, p }) || salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** True when the password matches; false for a wrong password, a malformed hash, or an over-long input. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed || Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash uses other parameters than the current ones: rehash after a good login. */
export function needsRehash(encoded: string, params: ScryptParams = PRODUCTION_SCRYPT): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.N !== params.N || parsed.r !== params.r || parsed.p !== params.p || parsed.key.length !== KEY_BYTES;
}

/** A well-formed hash that no password is known to match, with the given parameters: verified against
 * for unknown usernames so that a login for a user who does not exist costs as much as a wrong password. */
export function dummyHash(params: ScryptParams = PRODUCTION_SCRYPT): string {
  const zero = (n: number) => Buffer.alloc(n).toString("base64url");
  return ["scrypt", params.N, params.r, params.p, zero(SALT_BYTES), zero(KEY_BYTES)].join("$");
}
