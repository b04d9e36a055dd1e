import { z } from "zod";
import { setDisabled, setPassword, setRole } from "@/lib/server/auth/users";
import { apiRoute } from "@/lib/server/http/api-route";
import { HttpError } from "@/lib/server/http/respond";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

const change = z
  .object({ role: z.string().optional(), disabled: z.boolean().optional(), password: z.string().optional() })
  .strict()
  .refine((c) => Object.keys(c).length === 1, "send exactly one of role, disabled, password");

export const PATCH = apiRoute(
  { permission: "users.admin", params: z.object({ username: z.string().min(1).max(200) }), body: change },
  async ({ params, body }) => {
    const db = getPrisma();
    if (body.role !== undefined) return { user: await setRole(db, params.username, body.role) };
    if (body.disabled !== undefined) return { user: await setDisabled(db, params.username, body.disabled) };
    if (body.password !== undefined) return { user: await setPassword(db, params.username, body.password) };
    throw new HttpError(400, "invalid_input", "body: send exactly one of role, disabled, password");
  },
);
