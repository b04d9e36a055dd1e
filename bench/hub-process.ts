// Fallback for part 5 when `next build` fails: the server's hub part without Next (TargetMonitor +
// attachHub on a bare HTTP server, as server.ts wires them), in its own process so its RSS can be read.
import { startLiveHub } from "./live-hub";

async function main() {
  const target = process.env.TRIAGE_TARGET_URL;
  if (!target) throw new Error("TRIAGE_TARGET_URL is not set");
  const hub = await startLiveHub(target, Number(process.env.TRIAGE_POLL_MS ?? 1000));
  console.log(`pg-triage listening on ${hub.url} (bench hub-process, no Next)`);
  const stop = () => void hub.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error("hub-process:", e);
  process.exit(1);
});
