// What happens on a transition: an AlertEvent row, and the webhook unless the cool-down holds it back.
import type { WebhookOutcome } from "../../alerts";
import type { AlertsConfig } from "../config";
import type { Db } from "../store/prisma";
import type { Transition } from "./rules";
import { deliverWebhook, type DeliveryOptions } from "./webhook";

/** Slack reads &, < and > as markup. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackText(targetName: string, t: Transition): string {
  return slackEscape(`[pg-triage] ${t.state === "firing" ? "FIRING" : "RESOLVED"} ${targetName}: ${t.message}`.replace(/\s+/g, " "));
}

/** Per (target, rule): when the webhook was last sent for a firing, and whether the current firing was sent. */
export class CoolDown {
  private lastSent = new Map<string, number>();
  private sentFiring = new Map<string, boolean>();

  /** A resolution is sent only when its firing was: a flapping rule stays quiet for the cool-down. */
  decide(targetId: string, t: Transition, cooldownSeconds: number): "send" | "skipped_cooldown" {
    const key = `${targetId}\0${t.rule}`;
    if (t.state === "resolved") {
      const sent = this.sentFiring.get(key) ?? false;
      this.sentFiring.delete(key);
      return sent ? "send" : "skipped_cooldown";
    }
    const last = this.lastSent.get(key);
    if (last !== undefined && t.at - last < cooldownSeconds * 1000) {
      this.sentFiring.set(key, false);
      return "skipped_cooldown";
    }
    this.lastSent.set(key, t.at);
    this.sentFiring.set(key, true);
    return "send";
  }
}

export interface NotifyContext {
  db: () => Db;
  coolDown: CoolDown;
  delivery: DeliveryOptions;
  log: (line: string) => void;
  storeFailed: (e: unknown) => void;
}

/** Runs in the background; never throws. */
export async function notify(ctx: NotifyContext, target: { id: string; name: string }, cfg: AlertsConfig, t: Transition): Promise<void> {
  const url = cfg.webhook?.url;
  const decision = url ? ctx.coolDown.decide(target.id, t, cfg.cooldownSeconds) : null;
  const webhook: WebhookOutcome = decision === null ? "none" : decision === "send" ? "pending" : "skipped_cooldown";
  const row = Promise.resolve()
    .then(() => ctx.db().alertEvent.create({ data: { targetId: target.id, rule: t.rule, state: t.state, value: t.value, threshold: t.threshold, message: t.message, at: new Date(t.at), webhook } }))
    .catch((e) => (ctx.storeFailed(e), null));
  if (webhook !== "pending") return void (await row);
  // The webhook does not wait for the store: an outage of one must not silence the other.
  const payload = { text: slackText(target.name, t), targetId: target.id, rule: t.rule, state: t.state, value: t.value, threshold: t.threshold, at: new Date(t.at).toISOString() };
  const [saved, d] = await Promise.all([row, deliverWebhook(url!, payload, ctx.delivery)]);
  if (!d.ok) ctx.log(`alert webhook for ${target.id} ${t.rule} ${t.state}: ${d.error}`);
  if (!saved) return;
  await ctx
    .db()
    .alertEvent.update({ where: { id: saved.id }, data: d.ok ? { webhook: "sent" } : { webhook: "failed", webhookError: d.error } })
    .catch((e) => ctx.storeFailed(e));
}
