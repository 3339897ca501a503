/**
 * CPU per request of the security headers: @fastify/helmet (the middleware built again for every
 * request) against helmet built once (httpHygiene.ts), on an empty JSON route through app.inject, so
 * only the hooks differ. Alternates the two, 5 rounds of 20,000 requests each after a warm-up.
 * Usage: npx tsx packages/server/bench/securityHeadersCpu.ts
 */
import fastifyHelmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { installHttpHygiene, SECURITY_HEADERS } from "../src/app/httpHygiene";

async function app(once: boolean): Promise<FastifyInstance> {
  const a = Fastify();
  if (once) await installHttpHygiene(a);
  else await a.register(fastifyHelmet, SECURITY_HEADERS);
  a.get("/api/thing", async () => ({ ok: true }));
  await a.ready();
  return a;
}

async function cpuPerRequestUs(a: FastifyInstance, n: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await a.inject({ method: "GET", url: "/api/thing" });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

const perRequest = await app(false);
const builtOnce = await app(true);
await cpuPerRequestUs(perRequest, 5000);
await cpuPerRequestUs(builtOnce, 5000);
const rows: string[] = [];
for (let round = 0; round < 5; round++) {
  const a = await cpuPerRequestUs(perRequest, 20_000);
  const b = await cpuPerRequestUs(builtOnce, 20_000);
  rows.push(
    `round ${round + 1}: @fastify/helmet ${a.toFixed(1)} µs, built once ${b.toFixed(1)} µs, saved ${(a - b).toFixed(1)} µs`,
  );
}
console.log(rows.join("\n"));
await Promise.all([perRequest.close(), builtOnce.close()]);
