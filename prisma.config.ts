// Prisma CLI config. The url is only needed by `prisma migrate deploy` on a connected machine;
// generate must work without it (env() would throw when the variable is unset).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.TRIAGE_STORE_URL ?? "postgresql://localhost:5432/triage" },
});
