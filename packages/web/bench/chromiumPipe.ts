/**
 * Chromium driven over its DevTools pipe (--remote-debugging-pipe) with only the domains a benchmark asks for.
 * Playwright enables the Network domain on every page it drives, and Chromium then hands DevTools a copy of each
 * request's body: with 200 invoices per push (≈ 400 KB) that copy alone took longer than the request (measured:
 * 32–37 ms a request under Playwright, 12.5 ms with no DevTools client). A till has no DevTools attached, so the
 * upload's timed pushes must not either.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

type Params = Record<string, unknown>;
interface Pending {
  resolve: (result: Params) => void;
  reject: (error: Error) => void;
  method: string;
}

export interface ChromiumPipe {
  /** The browser's process (its children are the renderer, GPU and network processes). */
  process: ChildProcess;
  send(method: string, params?: Params, sessionId?: string): Promise<Params>;
  /** Every event of that name (of any session), until the browser closes. */
  on(event: string, listener: (params: Params, sessionId?: string) => void): void;
  close(): Promise<void>;
}

/** Starts headless Chromium with `args` and a throwaway profile, controlled over fds 3 (in) and 4 (out). */
export function launchChromiumPipe(executablePath: string, args: readonly string[]): ChromiumPipe {
  const userDataDir = mkdtempSync(join(tmpdir(), "mostrador-chromium-"));
  const child = spawn(
    executablePath,
    [...args, "--headless=new", "--remote-debugging-pipe", `--user-data-dir=${userDataDir}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, ((params: Params, sessionId?: string) => void)[]>();
  let nextId = 1;
  let buffered = "";
  fromBrowser.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    // Messages are JSON objects, each ended by a NUL byte.
    for (let end = buffered.indexOf("\0"); end !== -1; end = buffered.indexOf("\0")) {
      const message = JSON.parse(buffered.slice(0, end)) as {
        id?: number;
        result?: Params;
        error?: { message: string };
        method?: string;
        params?: Params;
        sessionId?: string;
      };
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
        else call?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    for (const call of pending.values()) call.reject(new Error(`${call.method}: Chromium exited. ${stderr}`));
    pending.clear();
  });
  return {
    process: child,
    send(method, params = {}, sessionId) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    async close() {
      await Promise.race([
        this.send("Browser.close").catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
      // Its child processes may still be writing the profile for a moment after the browser exits.
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** A page of `browser` opened on about:blank, its session attached (flat mode: commands carry the session id). */
export async function newPageSession(browser: ChromiumPipe): Promise<string> {
  const { targetId } = (await browser.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
  const { sessionId } = (await browser.send("Target.attachToTarget", { targetId, flatten: true })) as {
    sessionId: string;
  };
  return sessionId;
}

/** Evaluates `expression` in the page and returns its value (awaiting a promise), or throws the page's error. */
export async function evaluateInPage<T>(browser: ChromiumPipe, sessionId: string, expression: string): Promise<T> {
  const answer = (await browser.send(
    "Runtime.evaluate",
    { expression, awaitPromise: true, returnByValue: true },
    sessionId,
  )) as { result?: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
  if (answer.exceptionDetails) {
    const { text, exception } = answer.exceptionDetails;
    throw new Error(`in the page: ${exception?.description ?? text}`);
  }
  return answer.result?.value as T;
}
