import { once } from "node:events";
import { createServer, type Server, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesceSocketWrites } from "./socketWriteCoalescing";

/**
 * Socket writes made in one tick leave in one `writev` (issue 17: `pg` writes each statement on its own). Counted at the stream's own write hooks (`_write` for one chunk, `_writev` for several): each call is
 * one system call on a net.Socket.
 */
let server: Server;
let received: Buffer[];

beforeEach(async () => {
  // This test's own list: a late chunk of the test before cannot land in it.
  const chunks: Buffer[] = [];
  received = chunks;
  server = createServer((peer) => {
    peer.on("data", (chunk: Buffer) => chunks.push(chunk));
    peer.on("error", () => undefined);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
});

afterEach(() => {
  server.close();
});

async function connectedSocket() {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  const socket = new Socket();
  socket.connect(address.port, "127.0.0.1");
  await once(socket, "connect");
  coalesceSocketWrites(socket);
  // Spied on the instance: every flush of the socket goes through one of the two.
  const writeOne = vi.spyOn(socket as unknown as { _write: () => void }, "_write");
  const writeMany = vi.spyOn(socket as unknown as { _writev: () => void }, "_writev");
  const flushes = () => writeOne.mock.calls.length + writeMany.mock.calls.length;
  return { socket, flushes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const bytesReceived = async (n: number) => {
  for (let i = 0; i < 100 && Buffer.concat(received).length < n; i++) await new Promise((r) => setTimeout(r, 5));
  return Buffer.concat(received).toString();
};

describe("coalesceSocketWrites", () => {
  it("sends the writes of one tick, promise continuations included, in one flush, in order", async () => {
    const { socket, flushes } = await connectedSocket();
    socket.write("Parse;");
    socket.write("Bind;");
    await Promise.resolve();
    socket.write("Execute;");
    socket.write(Buffer.from("Sync;"));
    expect(flushes()).toBe(0);
    await nextTurn();
    expect(flushes()).toBe(1);
    expect(await bytesReceived(25)).toBe("Parse;Bind;Execute;Sync;");
    socket.destroy();
  });

  it("never holds a write past the current tick: the next tick's writes are a flush of their own", async () => {
    const { socket, flushes } = await connectedSocket();
    socket.write("a");
    // Before the event loop turns (setImmediate), the first write is out and the socket uncorked.
    await nextTurn();
    expect(flushes()).toBe(1);
    expect(socket.writableCorked).toBe(0);
    socket.write("b");
    socket.write("c");
    await nextTurn();
    expect(flushes()).toBe(2);
    expect(await bytesReceived(3)).toBe("abc");
    socket.destroy();
  });

  it("passes the write's callback through", async () => {
    const { socket } = await connectedSocket();
    const written = new Promise<unknown>((resolve) => socket.write("x", resolve));
    expect(await written).toBeFalsy();
    socket.destroy();
  });

  it("writes nothing after the socket is destroyed in the same tick, and does not cork a destroyed socket", async () => {
    const { socket, flushes } = await connectedSocket();
    const errors: unknown[] = [];
    socket.on("error", (err) => errors.push(err));
    const callbacks: unknown[] = [];
    socket.write("lost", (err) => callbacks.push(err));
    socket.destroy();
    await nextTurn();
    expect(flushes()).toBe(0);
    // The buffered write is failed, as an uncorked stream fails a pending write on destroy.
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toBeInstanceOf(Error);
    socket.write("after", () => undefined);
    expect(socket.writableCorked).toBe(0);
    await nextTurn();
    expect(flushes()).toBe(0);
    expect(received).toHaveLength(0);
  });

  it("flushes what is corked when the socket is ended in the same tick", async () => {
    const { socket, flushes } = await connectedSocket();
    socket.write("Terminate;");
    socket.end();
    await once(socket, "finish");
    expect(flushes()).toBe(1);
    expect(await bytesReceived(10)).toBe("Terminate;");
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
  });
});
