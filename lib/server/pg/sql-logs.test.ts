import { describe, expect, it } from "vitest";
import { currentLogChunkSql, logAccessSql, logGrantsSql } from "./sql-logs";

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

describe("logAccessSql / logGrantsSql", () => {
  it("asks has_function_privilege of each function by signature (to_regprocedure: an absent one is null, not an error)", () => {
    const sql = logAccessSql();
    expect(sql).toContain("has_function_privilege(to_regprocedure('pg_catalog.pg_current_logfile()'), 'execute') as f0");
    expect(sql).toContain("to_regprocedure('pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean)')");
    expect(sql).not.toMatch(/pg_current_logfile\(\) as|pg_read_binary_file\(f/); // never calls them
  });
  it("quotes the role in the GRANTs it shows", () => {
    expect(logGrantsSql('we"ird', ["pg_current_logfile()"])).toBe('GRANT EXECUTE ON FUNCTION pg_catalog.pg_current_logfile() TO "we""ird";');
  });
});
