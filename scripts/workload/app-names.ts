// Odoo names its connections "odoo-<pid>" (one per worker process); the demo imitates that.

/** A pid-like number in the range Linux hands out to long-running workers. */
export function pidLike(random: () => number = Math.random): number {
  return 1000 + Math.floor(random() * 98_000);
}

/** application_name of an Odoo HTTP worker. */
export function webWorkerName(random?: () => number): string {
  return `odoo-${pidLike(random)}`;
}

/** application_name of an Odoo cron worker. */
export function cronWorkerName(n: number): string {
  return `odoo-cron-${n}`;
}
