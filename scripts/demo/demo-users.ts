// The demo's logins: admin (TRIAGE_ADMIN_PASSWORD, created by the console) plus an operator and a
// viewer created through the admin API. Passwords are generated once and kept under data/ (0600).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface DemoLogin {
  username: string;
  role: "admin" | "operator" | "viewer";
  password: string;
}

export function demoLogins(file: string): DemoLogin[] {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const pw = () => crypto.randomBytes(9).toString("base64url");
  const logins: DemoLogin[] = [
    { username: "admin", role: "admin", password: process.env.TRIAGE_ADMIN_PASSWORD ?? pw() },
    { username: "operator", role: "operator", password: pw() },
    { username: "viewer", role: "viewer", password: pw() },
  ];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

/** Logs in as admin and adds the other demo users (an existing user is left as it is). */
export async function ensureDemoUsers(baseUrl: string, logins: DemoLogin[]): Promise<void> {
  const admin = logins.find((l) => l.role === "admin")!;
  const headers = { "Content-Type": "application/json", Origin: baseUrl };
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers, body: JSON.stringify({ username: admin.username, password: admin.password }) });
  if (!login.ok) throw new Error(`logging in as ${admin.username} failed (${login.status}); if data/demo-logins.json was removed, remove data/store too to reset the demo users`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  for (const l of logins.filter((x) => x !== admin)) {
    const res = await fetch(`${baseUrl}/api/users`, { method: "POST", headers: { ...headers, Cookie: cookie }, body: JSON.stringify(l) });
    if (!res.ok && (await res.json()).error?.code !== "duplicate_username") throw new Error(`adding user ${l.username} failed (${res.status})`);
  }
  await fetch(`${baseUrl}/api/auth/logout`, { method: "POST", headers: { ...headers, Cookie: cookie }, body: "{}" });
}
