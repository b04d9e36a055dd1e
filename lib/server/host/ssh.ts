// One persistent SSH connection per host (ssh2). The host key is checked against the configured
// SHA256 fingerprint during key exchange, so a wrong key is refused before we authenticate.
import crypto from "node:crypto";
import fs from "node:fs";
import { Client, type ClientChannel } from "ssh2";
import { remoteCommand } from "./probe-script";
import { CappedBuffer, execCommandLine, killedByTimeout, MAX_CHANNELS, MAX_EXEC_CHANNELS, ProbeError, type ExecOptions, type ExecResult, type HostTransport } from "./transport";

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
  private execChannels = new Set<ClientChannel>();

  constructor(private readonly target: SshTarget, private readonly connectTimeoutMs = 5000) {}

  openChannels(): number {
    return this.channels.size + this.execChannels.size;
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
    if (this.execChannels.size >= MAX_EXEC_CHANNELS) throw new ProbeError(`more than ${MAX_EXEC_CHANNELS} commands at once on this host`);
    const started = Date.now();
    const conn = await this.withTimeout(this.connect(), this.connectTimeoutMs, "connect");
    const cap = opts.maxOutputBytes ?? 256 * 1024;
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new CappedBuffer(cap);
      const err = new CappedBuffer(cap);
      let stream: ClientChannel | null = null;
      let settled = false;
      // The host's `timeout` kills the command; this is the backstop for a host that stops answering:
      // the channel is closed (not the connection: the probe keeps its own).
      const backstop = setTimeout(() => finish(null, true), opts.timeoutMs + 5000);
      const finish = (code: number | null, timedOut: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(backstop);
        if (stream) {
          this.execChannels.delete(stream);
          if (timedOut) stream.close();
        }
        resolve({ exitCode: timedOut ? null : code, timedOut, stdout: out.text(), stderr: err.text(), truncated: out.truncated || err.truncated, durationMs: Date.now() - started });
      };
      conn.exec(execCommandLine(command, opts.timeoutMs), (e, s) => {
        if (e) {
          settled = true;
          clearTimeout(backstop);
          return reject(new ProbeError(`ssh exec: ${e.message}`));
        }
        stream = s;
        this.execChannels.add(s);
        let code: number | null = null;
        s.on("data", (d: Buffer) => out.push(d));
        s.stderr.on("data", (d: Buffer) => err.push(d));
        s.on("exit", (c: number | null) => (code = c));
        s.on("close", () => finish(code, killedByTimeout(code, Date.now() - started, opts.timeoutMs)));
      });
    });
  }

  async close(): Promise<void> {
    this.drop();
  }

  private drop() {
    const c = this.conn;
    this.conn = null;
    this.channels.clear();
    this.execChannels.clear();
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
