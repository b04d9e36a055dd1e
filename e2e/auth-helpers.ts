// Logging in the way a person does (the form), and through the API for request-level specs.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, readStack } from "./stack";

export const PASSWORDS: Record<string, string> = {
  admin: E2E_ADMIN_PASSWORD,
  oscar: "operator-password-1",
  vera: "viewer-password-1",
  tess: "tess-password-1",
};

export const origin = () => readStack().baseURL;

export async function loginWithForm(page: Page, username = "admin") {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORDS[username]);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Logs the request context in (its cookie jar keeps the session); returns the cookie header value. */
export async function apiLogin(request: APIRequestContext, username: string, password = PASSWORDS[username], headers: Record<string, string> = {}) {
  const res = await request.post("/api/auth/login", { data: { username, password }, headers: { Origin: origin(), ...headers } });
  return res;
}

export function sessionCookieOf(setCookie: string | undefined): string {
  const m = /triage_session=([^;]+)/.exec(setCookie ?? "");
  if (!m) throw new Error(`no session cookie in ${setCookie}`);
  return `triage_session=${m[1]}`;
}

/** The users the specs rely on, created through the admin API (idempotent). */
export async function ensureUsers(request: APIRequestContext) {
  expect((await apiLogin(request, "admin")).status()).toBe(200);
  for (const [username, role] of [["oscar", "operator"], ["vera", "viewer"]] as const) {
    const res = await request.post("/api/users", { data: { username, password: PASSWORDS[username], role }, headers: { Origin: origin() } });
    if (res.status() !== 200) expect((await res.json()).error.code).toBe("duplicate_username");
  }
}
