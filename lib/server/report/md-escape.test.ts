import { describe, expect, it } from "vitest";
import { cell, fenced, inline, paragraph, stripControl, table } from "./md-escape";

describe("stripControl", () => {
  it("drops C0/C1 controls, bidi overrides and zero-width characters, keeps newlines and tabs", () => {
    expect(stripControl("a\u0000b\u001b[31mc\u202Ed\u200Be\tf\r\ng\rh\u0085")).toBe("ab[31mcde\tf\ng\nh");
  });
});

describe("inline", () => {
  it("escapes emphasis, links, HTML, code spans and table pipes", () => {
    expect(inline("*bold* _it_ [x](javascript:alert(1)) <script>alert(1)</script> `code` a|b ~~s~~ &lt;")).toBe(
      "\\*bold\\* \\_it\\_ \\[x\\](javascript:alert(1)) \\<script\\>alert(1)\\</script\\> \\`code\\` a\\|b \\~\\~s\\~\\~ \\&lt;",
    );
  });
  it("folds newlines so a title cannot start a heading or a list", () => {
    expect(inline("ok\n# Pwned\n- item")).toBe("ok \\# Pwned - item");
  });
  it("bounds the length", () => {
    expect(inline("x".repeat(20), 5)).toBe("xxxxx…");
  });
  it("breaks GFM autolinks: URLs, www. hosts and e-mail addresses stay text", () => {
    expect(inline("see https://evil.example/x and HTTP://evil.example")).toBe("see https\\://evil.example/x and HTTP\\://evil.example");
    expect(inline("www.evil.example (WWW.evil.example) _www.evil.example")).toBe("www\\.evil.example (WWW\\.evil.example) \\_www\\.evil.example");
    expect(inline("ftp://evil.example/a")).toBe("ftp\\://evil.example/a");
    expect(inline("mail attacker@evil.example or mailto:x")).toBe("mail attacker\\@evil.example or mailto\\:x");
    expect(inline("<https://evil.example>")).toBe("\\<https\\://evil.example\\>");
    expect(inline("[x](https://evil.example)")).toBe("\\[x\\](https\\://evil.example)");
  });
  it("never leaves an unescaped scheme:// or www. in hostile text", () => {
    const hostile = ["https://a.example", "ftp://a.example", "www.a.example", "x(www.a.example)", "*www.a.example*", "~https://a.example~", "a\nhttps://b.example"];
    for (const h of hostile) expect(inline(h)).not.toMatch(/(^|[^\\])(:\/\/|www\.)/i);
  });
  it("leaves a word merely containing www alone", () => {
    expect(inline("awww.no")).toBe("awww.no");
  });
  it("leaves plain words and times alone", () => {
    expect(inline("odoo cron 2026-11-26 18:04")).toBe("odoo cron 2026-11-26 18:04");
  });
});

describe("paragraph", () => {
  it("keeps line breaks as hard breaks and neutralises block syntax at line starts", () => {
    expect(paragraph("first\n# heading\n- list\n1. ordered\n===\n\n\n> quote")).toBe("first  \n\\# heading  \n\\- list  \n1\\. ordered  \n\\===  \n  \n\\> quote");
  });
});

describe("fenced", () => {
  it("uses a fence longer than any backtick run inside", () => {
    const out = fenced("select '```' || '````'", "sql");
    expect(out.startsWith("`````sql\n")).toBe(true);
    expect(out.endsWith("\n`````")).toBe(true);
  });
  it("uses three backticks for text without any", () => {
    expect(fenced("line one\nline two\n")).toBe("```text\nline one\nline two\n```");
  });
  it("strips control characters and bounds the length", () => {
    const out = fenced(`a\u001b[2Jb${"y".repeat(50)}`, "text", 10);
    expect(out).toContain("a[2Jbyyyyy\n… (46 more characters)");
  });
});

describe("table", () => {
  it("keeps one row per line whatever the cells hold", () => {
    const t = table(["A", "B"], [[cell("x|y\nz"), cell("")]]);
    expect(t).toBe("| A | B |\n| --- | --- |\n| x\\|y z |   |");
  });
});
