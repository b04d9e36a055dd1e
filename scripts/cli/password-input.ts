// Where the CLI gets a password: --password-stdin, TRIAGE_PASSWORD, or a prompt without echo on a terminal.
import { UsageError } from "./args";

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, ""); // one trailing newline, as `echo` adds
}

/** Reads a line from the terminal with echo off (raw mode); Ctrl-C aborts. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    stdin.setRawMode(true); // before the prompt: what is typed after it must never be echoed
    process.stderr.write(question);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new UsageError("cancelled"));
        if (ch === "\u0004") return done(value ? undefined : new UsageError("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

export async function readNewPassword(opts: { stdin: boolean; env: NodeJS.ProcessEnv }): Promise<string> {
  if (opts.stdin) return readStdin();
  if (opts.env.TRIAGE_PASSWORD !== undefined) return opts.env.TRIAGE_PASSWORD;
  if (!process.stdin.isTTY) throw new UsageError("no password given: use --password-stdin, set TRIAGE_PASSWORD, or run on a terminal to be prompted");
  const first = await promptHidden("New password: ");
  const again = await promptHidden("Repeat it: ");
  if (first !== again) throw new UsageError("the two passwords differ: nothing changed");
  return first;
}
