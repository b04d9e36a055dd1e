// GET /api/targets/:id/signals: the store's lines in the window and the watcher's source statuses.
// Reads only the store and memory: a viewer never causes a read on the host or the database.
import { z } from "zod";
import { SIGNAL_WINDOW_DEFAULT_MINUTES, SIGNAL_WINDOW_MAX_MINUTES, type SignalsView } from "../../signals";
import { targetIdSchema } from "../../socket-events";
import { apiRoute, parseWith } from "../http/api-route";
import { errorResponse } from "../http/respond";
import { getMonitors } from "../monitors";
import { getPrisma } from "../store/store";
import { readSignals } from "./signal-store";
import { sourceStatuses } from "./sources";

const paramsSchema = z.object({ id: targetIdSchema });
const querySchema = z.object({
  minutes: z.coerce
    .number({ error: "must be a whole number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1")
    .max(SIGNAL_WINDOW_MAX_MINUTES, `must be at most ${SIGNAL_WINDOW_MAX_MINUTES} (a day)`)
    .default(SIGNAL_WINDOW_DEFAULT_MINUTES),
});

export const signalsRoute = () =>
  apiRoute({ permission: "incidents.read", params: paramsSchema }, async ({ req, params }) => {
    const raw = new URL(req.url).searchParams.get("minutes");
    const { minutes } = parseWith(querySchema, { minutes: raw === null ? undefined : raw.trim() === "" ? Number.NaN : raw }, "query");
    const monitor = getMonitors().get(params.id);
    if (!monitor) return errorResponse(404, "not_found", `unknown target "${params.id}"`);
    const until = new Date();
    const since = new Date(until.getTime() - minutes * 60_000);
    const { counts, latest } = await readSignals(getPrisma(), params.id, since);
    const view: SignalsView = { since: since.toISOString(), until: until.toISOString(), sources: sourceStatuses(monitor.config), counts, latest };
    return view;
  });
