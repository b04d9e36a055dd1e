// Thin HTTP layer over the verification view (read-only: incidents.read).
import { z } from "zod";
import { targetIdSchema } from "../../socket-events";
import { apiRoute } from "../http/api-route";
import { json } from "../http/respond";
import { getMonitors } from "../monitors";
import { getPrisma } from "../store/store";
import { verificationView } from "./view";

const paramsSchema = z.object({ id: targetIdSchema });

export const verificationRoute = () =>
  apiRoute({ permission: "incidents.read", params: paramsSchema }, async ({ params }) => {
    const monitor = getMonitors().get(params.id);
    if (!monitor) return json({ error: { code: "not_found", message: `unknown target "${params.id}"` } }, 404);
    return verificationView(monitor, getPrisma());
  });
