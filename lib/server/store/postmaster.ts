// Who is running the embedded store: postmaster.pid (written by PostgreSQL) says which server is up,
// owner.json (written by us) says which pg-triage process started it and will stop it.
import fs from "node:fs";
import path from "node:path";

export interface Postmaster {
  pid: number;
  port: number;
  socketDir: string;
}

export type OwnerRole = "console" | "shared";

export interface Owner {
  pid: number;
  role: OwnerRole;
  since: string;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The server running on pgdata, or null. A postmaster's working directory is its data directory,
 * which tells a live server apart from a recycled pid (even another PostgreSQL's). */
export function livePostmaster(pgdata: string): Postmaster | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
  try {
    if (fs.realpathSync(fs.readlinkSync(`/proc/${pid}/cwd`)) !== fs.realpathSync(pgdata)) return null;
  } catch {
    return null; // no /proc entry we may read: not ours
  }
  return { pid, port, socketDir: lines[4] ?? "" };
}

/** Removes the lock files of a server that is gone (killed with the machine, or its pid recycled):
 * PostgreSQL refuses to start while postmaster.pid names a live process, whatever that process is. */
export function removeStaleLockFiles(pgdata: string, socketDir: string, port: number): void {
  if (livePostmaster(pgdata)) return;
  fs.rmSync(path.join(pgdata, "postmaster.pid"), { force: true });
  fs.rmSync(path.join(socketDir, `.s.PGSQL.${port}.lock`), { force: true });
}

const ownerFile = (root: string) => path.join(root, "owner.json");

export function readOwner(root: string): Owner | null {
  try {
    const o = JSON.parse(fs.readFileSync(ownerFile(root), "utf8")) as Owner;
    return Number.isInteger(o.pid) && (o.role === "console" || o.role === "shared") ? o : null;
  } catch {
    return null;
  }
}

export function writeOwner(root: string, role: OwnerRole): void {
  const tmp = `${ownerFile(root)}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, role, since: new Date().toISOString() }));
  fs.renameSync(tmp, ownerFile(root));
}

export function clearOwner(root: string): void {
  if (readOwner(root)?.pid === process.pid) fs.rmSync(ownerFile(root), { force: true });
}

/** An owner that is another live process (not us, not a dead run). */
export function liveOtherOwner(root: string): Owner | null {
  const o = readOwner(root);
  return o && o.pid !== process.pid && processAlive(o.pid) ? o : null;
}
