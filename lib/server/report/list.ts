// Incidents across all targets for the list page, newest first (lib/server/incidents lists one target's).
import type { IncidentInfo } from "../../report";
import type { Db } from "../store/prisma";
import { incidentInfo } from "./timeline";

export const MAX_LISTED = 500;

export async function listAllIncidents(db: Db, limit = MAX_LISTED): Promise<IncidentInfo[]> {
  const rows = await db.incident.findMany({ orderBy: { openedAt: "desc" }, take: limit });
  return rows.map(incidentInfo);
}
