import { verificationRoute } from "@/lib/server/verify/routes";

export const dynamic = "force-dynamic";

/** Step 3 verification from cached state: { incident, oomKillsSinceOpen, postgres, odooHttp(+History), cronBacklog(+History) }. */
export const GET = verificationRoute();
