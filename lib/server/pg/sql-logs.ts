// SQL of the incident signals' PostgreSQL source: the server's own log through pg_current_logfile(),
// read with pg_read_binary_file (pg_read_file's bytes form: a log line in another encoding cannot fail it).

/**
 * One round trip: the current log file, its size, where to start and the bytes from there.
 * $1 the previous file (null on the first read), $2 the offset after its last complete line,
 * $3 bytes per read, $4 how far behind before jumping to the tail. The start follows the rule of
 * lib/server/signals/log-chunk.ts. path is null when logging_collector is off; size is null
 * when the file is gone. Needs EXECUTE on pg_current_logfile, pg_stat_file and
 * pg_read_binary_file (superusers have it), and pg_read_server_files for a log outside the data directory.
 */
export function currentLogChunkSql(): string {
  return `select f.path, s.size, x.start, pg_read_binary_file(f.path, x.start, $3::bigint, true) as chunk
from (select pg_current_logfile() as path) f
left join lateral (select (pg_stat_file(f.path, true)).size) s(size) on true
left join lateral (select case when $1::text is null or s.size - c.start0 > $4::bigint then greatest(s.size - $3::bigint, 0) else c.start0 end
  from (select case when f.path = $1::text and s.size >= $2::bigint then $2::bigint else 0 end) c(start0)) x(start) on true`;
}
