// The CSV answer, streamed in batches so a long trail never sits in memory whole. The first batch is
// read before answering, so a store failure is still a proper error status rather than a cut-off file.
import type { Db } from "../store/prisma";
import { csvFilename, csvHeader, csvRow } from "./csv";
import type { AuditFilter } from "./filters";
import { iterateAuditEntries } from "./query";

export async function csvResponse(db: Db, f: AuditFilter, opts: { max?: number; cursor?: string } = {}): Promise<Response> {
  const it = iterateAuditEntries(db, f, opts);
  const first = await it.next();
  const encoder = new TextEncoder();
  let pending: string | null = csvHeader() + (first.done ? "" : csvRow(first.value));
  let done = !!first.done;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(encoder.encode(pending));
        pending = null;
        if (done) controller.close();
        return;
      }
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const n = await it.next();
        if (n.done) {
          done = true;
          break;
        }
        chunk += csvRow(n.value);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
    async cancel() {
      await it.return(undefined);
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFilename()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
