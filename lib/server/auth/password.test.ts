import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, needsRehash, PRODUCTION_SCRYPT, verifyPassword } from "./password";

const FAST = { N: 1024, r: 8, p: 1 };
// Recorded with the production parameters; also checked independently with Python's hashlib.scrypt.
const RECORDED = "scrypt$32768$8$1$qaQQjZHHAeW69bNMKuWG8g$geKMXym59uETFvmw8cdfVE5ZhBE1uhnroNC94XmUlDQ";
const RECORDED_FAST = "scrypt$1024$8$1$stqN_Qkx5CQkbl3ceRlfjw$CLYMwFiLeFbieon_Yww5JsjZV9R83Ys6tHoSCO26XzI";

describe("password hashing", () => {
  it("production parameters: N=2^15, r=8, p=1; a recorded hash verifies, and the time is reported", async () => {
    expect(PRODUCTION_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    const t = performance.now();
    expect(await verifyPassword("correct horse battery staple", RECORDED)).toBe(true);
    const ms = performance.now() - t;
    console.log(`scrypt N=2^15 r=8 p=1: one verification took ${ms.toFixed(0)} ms`);
    expect(await verifyPassword("correct horse battery stapler", RECORDED)).toBe(false);
    const fresh = await hashPassword("correct horse battery staple");
    expect(fresh).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(needsRehash(fresh)).toBe(false);
  });

  it("a recorded low-cost hash of a non-ASCII password verifies (NFC-normalized)", async () => {
    expect(await verifyPassword("pässwörd-ünicode", RECORDED_FAST)).toBe(true);
    expect(await verifyPassword("pa\u0308sswo\u0308rd-u\u0308nicode", RECORDED_FAST)).toBe(true); // decomposed form
    expect(await verifyPassword("passwörd-ünicode", RECORDED_FAST)).toBe(false);
  });

  it("salts per hash: the same password hashes differently and both verify", async () => {
    const a = await hashPassword("s3cret-pass", FAST);
    const b = await hashPassword("s3cret-pass", FAST);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("s3cret-pass", a)).toBe(true);
    expect(await verifyPassword("s3cret-pass", b)).toBe(true);
    expect(a).not.toContain("s3cret-pass");
  });

  it("refuses malformed or hostile hash strings without throwing", async () => {
    for (const bad of ["", "plain", "scrypt$1024$8$1$$", "bcrypt$1024$8$1$aaaaaaaaaaa$bbbbbbbbbbbbbbbbbbbbbb", "scrypt$1000$8$1$stqN_Qkx5CQkbl3ceRlfjw$CLYMwFiLeFbieon_Yww5JsjZV9R83Ys6tHoSCO26XzI", "scrypt$1073741824$8$1$stqN_Qkx5CQkbl3ceRlfjw$CLYMwFiLeFbieon_Yww5JsjZV9R83Ys6tHoSCO26XzI"]) {
      expect(await verifyPassword("x", bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  it("flags hashes made with other parameters for an upgrade", () => {
    expect(needsRehash(RECORDED_FAST)).toBe(true);
    expect(needsRehash(RECORDED_FAST, FAST)).toBe(false);
  });

  it("the dummy hash is well-formed, costs the same parameters, and matches nothing", async () => {
    const d = dummyHash(FAST);
    expect(needsRehash(d, FAST)).toBe(false);
    expect(await verifyPassword("", d)).toBe(false);
    expect(await verifyPassword("anything", d)).toBe(false);
  });

  it("rejects over-long passwords", async () => {
    await expect(hashPassword("x".repeat(1025), FAST)).rejects.toThrow(/longer than 1024 bytes/);
    expect(await verifyPassword("x".repeat(1025), RECORDED_FAST)).toBe(false);
  });
});
