import { z } from "zod";
import { addUser, listUsers } from "@/lib/server/auth/users";
import { apiRoute } from "@/lib/server/http/api-route";
import { getPrisma } from "@/lib/server/store/store";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ permission: "users.admin" }, async () => ({ users: await listUsers(getPrisma()) }));

const newUser = z.object({ username: z.string(), password: z.string(), role: z.string() }).strict();

export const POST = apiRoute({ permission: "users.admin", body: newUser }, async ({ body }) => ({
  user: await addUser(getPrisma(), body),
}));
