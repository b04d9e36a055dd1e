import { expect, it } from "vitest";
import { CoolDown, slackText } from "./notify";
import type { Transition } from "./rules";

const t = (state: Transition["state"], at: number): Transition => ({ rule: "idle_in_transaction_count", state, value: 3, threshold: 2, message: "sessions idle in transaction: 3 > 2", at });

it("cool-down: a flapping rule is sent once per cool-down, its resolution only when its firing was sent", () => {
  const c = new CoolDown();
  expect(c.decide("db", t("firing", 0), 60)).toBe("send");
  expect(c.decide("db", t("resolved", 1000), 60)).toBe("send");
  expect(c.decide("db", t("firing", 2000), 60)).toBe("skipped_cooldown");
  expect(c.decide("db", t("resolved", 3000), 60)).toBe("skipped_cooldown");
  expect(c.decide("other", t("firing", 3000), 60)).toBe("send"); // per target
  expect(c.decide("db", t("firing", 60_000), 60)).toBe("send");
});

it("the Slack text is one line with Slack's markup characters escaped", () => {
  expect(slackText("prod <db>", { ...t("firing", 0), message: "a\nb > c & d" })).toBe("[pg-triage] FIRING prod &lt;db&gt;: a b &gt; c &amp; d");
});
