// The probe: ONE fixed shell script, run with /bin/sh locally or as one ssh exec. Nothing a user
// types is ever part of it. Every section starts with a "@@name" line so one round trip carries all.
import { shellQuote } from "./transport";

/** How many non-postgres, non-Odoo processes the probe reports (by RSS). */
export const TOP_OTHERS = 10;

export const PROBE_SCRIPT = `export LC_ALL=C
awk 'FNR==1 { s=FILENAME; sub(/.*\\//, "", s); print "@@" s } FILENAME != "/proc/vmstat" || /^(pswpin|pswpout|pgmajfault|oom_kill) /' /proc/meminfo /proc/vmstat /proc/loadavg
echo @@psi; cat /proc/pressure/memory 2>&1
PS=$(ps -eo pid=,ppid=,rss=,vsz=,args= --sort=-rss | awk '{
  a=$0; sub(/^ *[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ /, "", a); f=a; sub(/ .*/, "", f); sub(/.*\\//, "", f)
  k="X"; if (a ~ /^postgres:/ || f=="postgres" || f=="postmaster") { k="P"; pg[$1]=$2 } else if (f ~ /^(python|odoo)/ && a ~ /odoo/) k="O"
  if (k=="X" && (n >= ${TOP_OTHERS} || $3 == 0)) next; if (k=="X") n++
  print k, $1, $2, $3, $4, substr(a, 1, 200) }
  END { for (p in pg) if (!(pg[p] in pg)) print "M", p }')
F=; PM=
while read -r k pid rest; do if [ "$k" = M ]; then PM="$PM $pid"; else F="$F $pid/smaps_rollup"; fi; done <<PSLIST
$PS
PSLIST
echo @@ps; printf '%s\\n' "$PS"
echo @@smaps; cd /proc && grep -HsE '^(Pss|Anonymous):' $F /dev/null
echo @@cgroup
for pm in $PM; do
  cg=; while IFS= read -r l; do case $l in 0::*) cg=\${l#0::};; esac; done < /proc/$pm/cgroup
  d="/sys/fs/cgroup$cg"
  if [ -n "$cg" ] && [ -r "$d/memory.current" ]; then
    echo "postmaster $pm $cg"; read -r v < "$d/memory.current"; echo "current $v"; read -r v < "$d/memory.max"; echo "max $v"
    while read -r k v; do echo "events $k $v"; done < "$d/memory.events"
  fi
done 2>/dev/null
echo @@end
`;

/** Kernel OOM lines: run once at start (to learn whether it is permitted) and after each oom_kill increment. */
export const KERNEL_LOG_SCRIPT = `export LC_ALL=C
P='out of memory|killed process|oom-kill'
if out=$(dmesg 2>&1); then echo '@@source dmesg'; printf '%s\\n' "$out" | grep -iE "$P" | tail -n 50
elif jout=$(journalctl -k -q --no-pager -n 5000 2>&1) && [ -n "$jout" ]; then echo '@@source journalctl'; printf '%s\\n' "$jout" | grep -iE "$P" | tail -n 50
else echo '@@denied'; printf '%s\\n' "$out" | head -n 1; fi
echo @@end
`;

/** Remote side of the deadline: the host kills the probe after this many seconds. */
export const REMOTE_TIMEOUT_S = 5;


/** The exact ssh exec string for a script (constants only). */
export const remoteCommand = (script: string) => `timeout ${REMOTE_TIMEOUT_S} /bin/sh -c ${shellQuote(script)}`;

/** Splits probe output into sections by "@@name rest" marker lines. */
export function splitSections(out: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of out.split("\n")) {
    if (line.startsWith("@@")) {
      current = [];
      sections.set(line.slice(2).trim(), current);
    } else if (current && line !== "") current.push(line);
  }
  return sections;
}
