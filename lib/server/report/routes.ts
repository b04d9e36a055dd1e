// Thin HTTP layer over the timeline: read-only, incidents.read.
import { z } from "zod";
import { apiRoute } from "../http/api-route";
import { errorResponse } from "../http/respond";
import { getPrisma } from "../store/store";
import { renderMarkdown, reportFilename } from "./markdown";
import { loadTimeline } from "./timeline";

const paramsSchema = z.object({ id: z.uuid("must be an incident id") });
const formatSchema = z.enum(["md", "json"], { message: 'must be "md" or "json"' });

const missing = (id: string) => errorResponse(404, "not_found", `incident ${id} does not exist`);

export const timelineRoute = () =>
  apiRoute({ permission: "incidents.read", params: paramsSchema }, async ({ params }) => {
    return (await loadTimeline(getPrisma(), params.id)) ?? missing(params.id);
  });

export const reportRoute = () =>
  apiRoute({ permission: "incidents.read", params: paramsSchema }, async ({ req, params }) => {
    const raw = new URL(req.url).searchParams.get("format") ?? "md";
    const format = formatSchema.safeParse(raw);
    if (!format.success) return errorResponse(400, "invalid_input", `format: ${format.error.issues[0].message}`);
    const t = await loadTimeline(getPrisma(), params.id);
    if (!t) return missing(params.id);
    if (format.data === "json") return t;
    return new Response(renderMarkdown(t), {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${reportFilename(t)}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
