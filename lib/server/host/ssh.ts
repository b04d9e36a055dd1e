// One persistent SSH connection per host (ssh2). The host key is checked against the configured
// SHA256 fingerprint during key exchange, so a wrong key is refused before we authenticate.
import crypto from "node:crypto";
import fs from "node:fs";
import { Client, type ClientChannel } from "ssh2";
import { remoteCommand } from "./probe-script";
import { CappedBuffer, EXEC_BACKSTOP_MS, EXEC_EXIT_GRACE_MS, execCommandLine, ExecSlots, killedByTimeout, MAX_CHANNELS, ProbeError, type ExecOptions, type ExecResult, type HostTransport } from "./transport";

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKeyPath: string;
  /** "SHA256:..." as printed by ssh-keygen -lf. */
  hostKey: string;
}

/** The OpenSSH fingerprint of a raw host key: base64 of its SHA-256, without padding. */
export const fingerprintOf = (key: Buffer) => "SHA256:" + crypto.createHash("sha256").update(key).digest("base64").replace(/=+$/, "");

export class SshTransport implements HostTransport {
  readonly kind = "ssh" as const;
  /** For tests: what the last connection saw (a refused key never reaches userauth). */
  readonly stats = { connects: 0, hostKeyRejected: 0, authAttempts: 0 };
  private conn: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private channels = new Set<ClientChannel>();
  private readonly execSlots = new ExecSlots();

  constructor(private readonly target: SshTarget, private readonly connectTimeoutMs = 5000) {}

  openChannels(): number {
    return this.channels.size + this.execSlots.count;
  }

  /** ssh2's own count of open channels (the ground truth for the leak test). */
  clientChannels(): number {
    return (this.conn as unknown as { _chanMgr?: { _count: number } } | null)?._chanMgr?._count ?? 0;
  }

  async run(script: string, deadlineMs: number): Promise<string> {
    if (this.channels.size >= MAX_CHANNELS) throw new ProbeError(`more than ${MAX_CHANNELS} channels at once`);
    const started = Date.now();
    const conn = await this.withTimeout(this.connect(), deadlineMs, "connect");
    return this.execProbe(conn, remoteCommand(script), Math.max(100, deadlineMs - (Date.now() - started)));
  }

  async exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    // Reserved before the first await, so concurrent calls all count against the cap; released on every path.
    const release = this.execSlots.take();
    const started = Date.now();
    let conn: Client;
    try {
      conn = await this.withTimeout(this.connect(), this.connectTimeoutMs, "connect");
    } catch (e) {
      release();
      throw e;
    }
    const cap = opts.maxOutputBytes ?? 256 * 1024;
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new CappedBuffer(cap);
      const err = new CappedBuffer(cap);
      let stream: ClientChannel | null = null;
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const settle = (r: { result: ExecResult } | { error: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(backstop);
        clearTimeout(grace);
        release();
        // Stop reading: closes the channel (not the connection: the probe keeps its own); a background
        // child that outlived the command keeps running on the host (the command author's business).
        if (stream) closeQuietly(stream);
        if ("error" in r) reject(r.error);
        else resolve(r.result);
      };
      const result = (code: number | null, timedOut: boolean): { result: ExecResult } => ({
        result: { exitCode: timedOut ? null : code, timedOut, stdout: out.text(), stderr: err.text(), truncated: out.truncated || err.truncated, durationMs: Date.now() - started },
      });
      // The host's `timeout` kills the command; this fires only if no exit came (a host that stops answering).
      const backstop = setTimeout(() => settle(result(null, true)), opts.timeoutMs + EXEC_BACKSTOP_MS);
      const opened = (e: Error | undefined, s: ClientChannel) => {
        if (settled) return void (s && closeQuietly(s)); // opened after the backstop: never counted, closed at once
        if (e) return settle({ error: new ProbeError(`ssh exec: ${e.message}`) });
        stream = s;
        let exit: { code: number | null } | null = null;
        const done = () => settle(result(exit?.code ?? null, !!exit && killedByTimeout(exit.code, Date.now() - started, opts.timeoutMs)));
        s.on("data", (d: Buffer) => out.push(d));
        s.stderr.on("data", (d: Buffer) => err.push(d));
        // exit-status (code) or exit-signal (null, signal): the command is over even if a background child holds the channel.
        s.on("exit", (c: number | null) => {
          exit = { code: c ?? null };
          grace = setTimeout(done, EXEC_EXIT_GRACE_MS);
        });
        s.on("close", done);
      };
      try {
        conn.exec(execCommandLine(command, opts.timeoutMs, opts.marker), opened);
      } catch (e) {
        settle({ error: new ProbeError(`ssh exec: ${(e as Error).message}`) }); // "Not connected": the connection just dropped
      }
    });
  }

  async close(): Promise<void> {
    this.drop();
  }

  private drop() {
    const c = this.conn;
    this.conn = null;
    this.channels.clear();
    c?.end();
    c?.destroy();
  }

  private connect(): Promise<Client> {
    if (this.conn) return Promise.resolve(this.conn);
    this.connecting ??= new Promise<Client>((resolve, reject) => {
      let privateKey: Buffer;
      try {
        privateKey = fs.readFileSync(this.target.privateKeyPath);
      } catch (e) {
        return reject(new ProbeError(`cannot read the private key ${this.target.privateKeyPath}: ${(e as NodeJS.ErrnoException).code ?? "error"}`));
      }
      const c = new Client();
      let keyRejected: string | null = null;
      let keyTried = false;
      c.on("ready", () => {
        c.setNoDelay(true); // small request/response exchanges: Nagle + delayed ACK would add ~40 ms per probe
        this.stats.connects++;
        this.conn = c;
        resolve(c);
      });
      c.on("error", (e) => {
        if (this.conn === c) this.drop();
        const auth = (e as { level?: string }).level === "client-authentication";
        reject(new ProbeError(keyRejected ?? (auth ? `ssh authentication failed for ${this.target.username}` : `ssh: ${e.message}`)));
      });
      c.on("close", () => {
        if (this.conn === c) this.drop();
        reject(new ProbeError(keyRejected ?? "ssh connection closed"));
      });
      c.connect({
        host: this.target.host,
        port: this.target.port,
        username: this.target.username,
        privateKey,
        readyTimeout: this.connectTimeoutMs,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          const seen = fingerprintOf(key);
          if (seen === this.target.hostKey) return true;
          this.stats.hostKeyRejected++;
          keyRejected = `ssh host key mismatch: expected ${this.target.hostKey}, got ${seen}`;
          return false;
        },
        authHandler: (_methods, _partial, next) => {
          // Counted so a test can prove a refused host key never got this far; one method, one try.
          this.stats.authAttempts++;
          if (keyTried) return next(false as never);
          keyTried = true;
          next({ type: "publickey", username: this.target.username, key: privateKey });
        },
      });
    }).finally(() => (this.connecting = null));
    return this.connecting;
  }

  private execProbe(conn: Client, command: string, deadlineMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      // Armed before exec: a channel that never opens must not freeze the host data either.
      const timer = setTimeout(() => {
        // A stuck channel may never close: drop the whole connection so nothing stays open.
        reject(new ProbeError(`probe did not finish within ${deadlineMs} ms`));
        this.drop();
      }, deadlineMs);
      conn.exec(command, (err, stream) => {
        if (err) {
          clearTimeout(timer);
          return reject(new ProbeError(`ssh exec: ${err.message}`));
        }
        this.channels.add(stream);
        const chunks: Buffer[] = [];
        let code: number | null = null;
        stream.on("data", (d: Buffer) => chunks.push(d));
        stream.stderr.resume(); // drain: a full stderr window would stall the channel
        stream.on("exit", (c: number | null) => (code = c));
        stream.on("close", () => {
          clearTimeout(timer);
          this.channels.delete(stream);
          const out = Buffer.concat(chunks).toString("utf8");
          if (code === 124) reject(new ProbeError("probe timed out on the host (timeout 5 s)"));
          else if (!out && code !== 0) reject(new ProbeError(`probe exited with code ${code}`));
          else resolve(out);
        });
      });
    });
  }

  private async withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let t: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new ProbeError(`ssh ${what} did not finish within ${ms} ms`)), ms)))]);
    } finally {
      clearTimeout(t);
      p.catch(() => {});
    }
  }
}

/** Closing a channel whose connection already died may throw: there is nothing left to close then. */
function closeQuietly(s: ClientChannel) {
  try {
    s.close();
  } catch {}
}
