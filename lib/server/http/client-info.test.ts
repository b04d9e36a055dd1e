import { describe, expect, it } from "vitest";
import { isSameOrigin, readCookie } from "./client-info";

const h = (o: Record<string, string>) => new Headers(o);

describe("isSameOrigin", () => {
  it("accepts our own origin and refuses foreign, missing and null ones", () => {
    expect(isSameOrigin(h({ host: "triage:3000", origin: "http://triage:3000" }))).toBe(true);
    expect(isSameOrigin(h({ host: "triage:3000", origin: "http://evil.example" }))).toBe(false);
    expect(isSameOrigin(h({ host: "triage:3000" }))).toBe(false);
    expect(isSameOrigin(h({ host: "triage:3000", origin: "null" }))).toBe(false);
  });
  it("expects https when the request came over https", () => {
    expect(isSameOrigin(h({ host: "triage", origin: "http://triage", "x-triage-proto": "https" }))).toBe(false);
    expect(isSameOrigin(h({ host: "triage", origin: "https://triage", "x-triage-proto": "https" }))).toBe(true);
  });
});

describe("readCookie", () => {
  it("finds one cookie among several", () => {
    expect(readCookie("a=1; triage_session=abc%2Fd; b=2", "triage_session")).toBe("abc/d");
    expect(readCookie("a=1", "triage_session")).toBeNull();
    expect(readCookie(undefined, "x")).toBeNull();
  });
});

describe("readCookie with a malformed escape", () => {
  it("is no session rather than an error", () => {
    expect(readCookie("triage_session=%E0%A4%A", "triage_session")).toBeNull();
  });
});
