import { ROLE_PERMISSIONS } from "@/lib/permissions";
import { apiRoute } from "@/lib/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ permission: null }, async ({ principal }) => ({
  user: { username: principal.username, role: principal.role },
  via: principal.via,
  permissions: ROLE_PERMISSIONS[principal.role],
}));
