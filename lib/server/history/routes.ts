// GET /api/targets/:id/history: the window is validated in range-query.ts, the query is in query.ts.
import { z } from "zod";
import { windowOf } from "../../metric-history";
import { targetIdSchema } from "../../socket-events";
import { apiRoute } from "../http/api-route";
import { HttpError } from "../http/respond";
import { getMonitors } from "../monitors";
import { getPrisma } from "../store/store";
import { queryHistory } from "./query";
import { parseRangeQuery } from "./range-query";
import { historySettings } from "./settings";

const paramsSchema = z.object({ id: targetIdSchema });

export const historyRoute = () =>
  apiRoute({ permission: "sessions.read", params: paramsSchema }, async ({ req, params }) => {
    if (!getMonitors().has(params.id)) throw new HttpError(404, "not_found", `unknown target "${params.id}"`);
    const { since, until } = windowOf(parseRangeQuery(new URL(req.url).searchParams, Date.now()), Date.now());
    return queryHistory(getPrisma(), params.id, since, until, historySettings().intervalMs);
  });
