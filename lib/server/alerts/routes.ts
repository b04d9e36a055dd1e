// GET /api/targets/:id/alerts: what fires now (the engine's state) and the last 20 events (the store).
import { z } from "zod";
import type { AlertEventView, AlertsView } from "../../alerts";
import { targetIdSchema } from "../../socket-events";
import { apiRoute } from "../http/api-route";
import { HttpError } from "../http/respond";
import { getMonitors } from "../monitors";
import { getPrisma } from "../store/store";
import { firingAlerts } from "./state";

const paramsSchema = z.object({ id: targetIdSchema });

export const alertsRoute = () =>
  apiRoute({ permission: "sessions.read", params: paramsSchema }, async ({ params }): Promise<AlertsView> => {
    if (!getMonitors().has(params.id)) throw new HttpError(404, "not_found", `unknown target "${params.id}"`);
    const rows = await getPrisma().alertEvent.findMany({ where: { targetId: params.id }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 20 });
    const recent: AlertEventView[] = rows.map((r) => ({
      id: r.id.toString(),
      rule: r.rule,
      state: r.state as AlertEventView["state"],
      value: r.value,
      threshold: r.threshold,
      message: r.message,
      at: r.at.toISOString(),
      webhook: r.webhook as AlertEventView["webhook"],
      webhookError: r.webhookError,
    }));
    return { firing: firingAlerts(params.id), recent };
  });
