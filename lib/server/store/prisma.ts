// The one way to build a Prisma client for the store: driver adapter over node-postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, application_name: "pg-triage" }) });
}
