import { startCluster } from "./lib/server/local-cluster";
startCluster({ port: 54999 }).then((c) => { console.log(c.url); process.on("SIGTERM", () => c.destroy().then(() => process.exit(0))); setInterval(() => {}, 1000); });
