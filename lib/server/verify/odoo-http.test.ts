import { describe, expect, it } from "vitest";
import { describeHttpError, displayUrl, loginUrl } from "./odoo-http";

describe("loginUrl", () => {
  it("appends /web/login to the base, keeping a path prefix and dropping query and fragment", () => {
    expect(loginUrl("http://odoo:8069").href).toBe("http://odoo:8069/web/login");
    expect(loginUrl("https://erp.example.com/odoo/?db=x#top").href).toBe("https://erp.example.com/odoo/web/login");
  });
  it("never shows credentials", () => {
    expect(displayUrl(loginUrl("https://user:secret@erp.example.com"))).toBe("https://erp.example.com/web/login");
  });
});

describe("describeHttpError", () => {
  it("names the common network failures with their code", () => {
    const err = (code: string, message = `connect ${code} 10.0.0.1:8069`) => Object.assign(new Error(message), { code });
    expect(describeHttpError(err("ECONNREFUSED"), "odoo")).toBe("connection refused (ECONNREFUSED)");
    expect(describeHttpError(err("ENOTFOUND", "getaddrinfo ENOTFOUND odoo"), "odoo")).toBe('DNS lookup failed: host "odoo" not found (ENOTFOUND)');
    expect(describeHttpError(err("ECONNRESET", "socket hang up"), "odoo")).toBe("connection closed before an answer (ECONNRESET)");
    expect(describeHttpError(err("CERT_HAS_EXPIRED", "certificate has expired"), "odoo")).toBe("TLS: certificate has expired (CERT_HAS_EXPIRED)");
    expect(describeHttpError(err("EPROTO", "write EPROTO"), "odoo")).toBe("write EPROTO");
  });
});
