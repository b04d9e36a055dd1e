// Reads prisma/migrations/<timestamp>_<name>/migration.sql in Prisma's layout and checksums each file
// the way Prisma's schema engine does, so our runner and `prisma migrate deploy` agree on what is applied.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Where the migrations are: resolved from the working directory, like local-cluster's binaries. */
export const defaultMigrationsDir = () => path.resolve(process.cwd(), "prisma", "migrations");

/** Prisma's checksum: SHA-256 hex of the script's bytes as written. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** Prisma also accepts the file with LF / CRLF line endings swapped (git autocrlf checkouts). */
export function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\n/g, "\r\n")];
  return variants.some((v) => checksumOf(v) === checksum);
}

export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new MigrationError(`cannot read the migrations directory ${dir}: ${(e as Error).message} (start pg-triage from the project folder)`);
  }
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort() // Prisma applies in lexicographic order of the folder names (timestamp first)
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql (${file})`);
      const bytes = fs.readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}
