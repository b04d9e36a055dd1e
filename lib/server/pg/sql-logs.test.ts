import { describe, expect, it } from "vitest";
import { currentLogChunkSql } from "./sql-logs";

describe("currentLogChunkSql", () => {
  it("takes every value as a parameter and reads bytes, never text", () => {
    const sql = currentLogChunkSql();
    expect(sql).toMatch(/pg_current_logfile\(\)/);
    expect(sql).toMatch(/pg_read_binary_file\(f\.path, x\.start, \$3::bigint, true\)/);
    expect(sql).toMatch(/pg_stat_file\(f\.path, true\)/);
    expect(sql.match(/\$\d/g)!.sort()).toEqual(["$1", "$1", "$2", "$2", "$3", "$3", "$4"].sort());
    expect(sql).not.toMatch(/pg_read_file\(/);
    expect(sql).not.toMatch(/;/);
  });
});
