import { describe, expect, it } from "vitest";
import { backendCrashes } from "./crash-lines";

const SEEN = new Date("2026-12-06T10:00:00Z");

describe("backendCrashes", () => {
  it("takes the killed pid, the signal, the line's time and the statement from the DETAIL line, continuation lines included", () => {
    const lines = [
      "2026-12-06 09:59:58.120 UTC [100] LOG:  checkpoint starting: time",
      "2026-12-06 09:59:59.431 UTC [100] LOG:  server process (PID 4242) was terminated by signal 9: Killed",
      "2026-12-06 09:59:59.431 UTC [100] DETAIL:  Failed process was running: select count(*)",
      "\tfrom account_move_line",
      "\tcross join generate_series(1, 100000000)",
      "2026-12-06 09:59:59.431 UTC [100] LOG:  terminating any other active server processes",
    ];
    expect(backendCrashes(lines, SEEN)).toEqual([
      {
        pid: 4242,
        signal: 9,
        at: new Date("2026-12-06T09:59:59.431Z"),
        query: "select count(*)\nfrom account_move_line\ncross join generate_series(1, 100000000)",
        line: lines[1],
      },
    ]);
  });

  it("a crash without its DETAIL (a process that ran nothing) has no statement; a DETAIL elsewhere is not taken", () => {
    const lines = [
      "2026-12-06 09:59:59 UTC [100] LOG:  server process (PID 7) was terminated by signal 9: Killed",
      "2026-12-06 09:59:59 UTC [100] LOG:  terminating any other active server processes",
      "2026-12-06 09:59:59 UTC [100] DETAIL:  Failed process was running: select 1",
    ];
    expect(backendCrashes(lines, SEEN)).toEqual([{ pid: 7, signal: 9, at: new Date("2026-12-06T09:59:59Z"), query: null, line: lines[0] }]);
  });

  it("a statement that quotes a crash line is not one", () => {
    expect(backendCrashes(["2026-12-06 09:59:59 UTC [55] LOG:  statement: select 'LOG:  server process (PID 1) was terminated by signal 9'"], SEEN)).toEqual([]);
  });

  it("reads PostgreSQL 15+'s wording, which names the process type", () => {
    const lines = [
      "2026-12-06 06:15:31.669 UTC [15097] LOG:  client backend (PID 15133) was terminated by signal 9: Killed",
      "2026-12-06 06:15:31.669 UTC [15097] DETAIL:  Failed process was running: select 2",
    ];
    expect(backendCrashes(lines, SEEN)).toMatchObject([{ pid: 15133, signal: 9, query: "select 2" }]);
  });
});
