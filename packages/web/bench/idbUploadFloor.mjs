// What an upload of 1,000 invoices costs the till's IndexedDB with no app code around it (issue 17): raw
// IndexedDB in headless Chromium, the same records' shape, the same 7 indexes and the same transactions as the
// till's sync engine, so the Chromium upload's figure (≤ 0.25 s asked) can be set against the floor of the
// IndexedDB work it must do. Variants, each on a fresh database holding 1,000 pending invoices (not timed):
//   queue    the push's reads: 5 pages of 200 through the [status+issuedAt+id] index (readonly getAll)
//   rewrite  what the till does per answer of 200: get the 200 records, put them back as synced (5 strict
//            read-write transactions): the till's store as it is (Dexie v11), 6 indexes and the document inside
//   rewriteV10  the same on the store of v10, which also had a plain status index (7)
//   putOnly  the same puts without the gets
//   noDoc    the rewrite with the document kept in a store of its own (the record ≈ 250 bytes)
//   noIndex  the rewrite with no index but the primary key
//   ackLog   one record per answer (the 200 ids and their server state) instead of 200 rewrites
//   states   200 small records per answer (id, status, version, number) in a store with no index: the
//            sync state kept beside the invoice instead of inside it
//   outbox   200 deletes per answer from a store holding only the queue (id, issuedAt; one index)
// Usage: node packages/web/bench/idbUploadFloor.mjs [--rounds 5]
// Prints each round, then median and range per variant; the last line is {"bench":"idbUploadFloor", ...ms}.

import { rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromiumLaunch.mjs";

const argv = process.argv.slice(2);
if (argv.includes("--help")) {
  console.log("Usage: node packages/web/bench/idbUploadFloor.mjs [--rounds 5]  (see the file's first lines)");
  process.exit(0);
}
const roundsAt = argv.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 5;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("--rounds takes a whole number ≥ 1");
  process.exit(2);
}

// The page: everything in it runs in Chromium. Records as the till stores them (storage/localRecords.ts):
// the document (three lines with taxes, a payment; ≈ 1.5 KB of JSON, the ingest benchmark's average) and
// the till's fields beside it.
const pageScript = String.raw`
const N = 1000, PAGE = 200;
function documentOf(i) {
  return { id: "0190c0de-0000-7000-8000-" + String(i).padStart(12, "0"), revision: 1, schemaVersion: 7,
    deviceId: "0190c0de-1111-7000-8000-000000000001", terminalId: "0190c0de-2222-7000-8000-000000000001",
    cashierId: "0190c0de-3333-7000-8000-000000000001", shiftId: "0190c0de-4444-7000-8000-000000000001",
    numberingId: "0190c0de-5555-7000-8000-000000000001", prefix: "POS", number: 5000 + i, clientId: null,
    issuedAt: new Date(1764000000000 + i * 1000).toISOString(),
    lines: [0, 1, 2].map((j) => ({ productId: "0190c0de-6666-7000-8000-" + String(i * 3 + j).padStart(12, "0"),
      name: "Producto de prueba " + j, quantity: 1000 * (j + 1), unitPrice: 12300 + j * 100,
      discount: { kind: "percentage", valueBp: 0 },
      taxes: [{ taxId: "0190c0de-7777-7000-8000-000000000001", kind: "IVA", rateBp: 1900, included: true }],
      totals: { subtotal: 10336, discount: 0, tax: 1964, total: 12300 } })),
    ticketDiscount: null, payments: [{ paymentMethodId: "0190c0de-8888-7000-8000-000000000001", kind: "cash", amount: 80000 }],
    totals: { subtotal: 62017, discount: 0, tax: 11783, total: 73800, paid: 80000, change: 6200 }, notes: "" };
}
function recordOf(i, withDocument) {
  const d = documentOf(i);
  const r = { id: d.id, status: "pending", issuedAt: d.issuedAt, number: d.number, numberingId: d.numberingId,
    serverVersion: null, serverRevision: 0, errors: [], returnStatus: "none", electronicDocument: null,
    createdAt: d.issuedAt, updatedAt: d.issuedAt, shiftId: d.shiftId };
  if (withDocument) r.document = d;
  return r;
}
const done = (req) => new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
const finished = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = tx.onabort = () => reject(tx.error); });
let serial = 0;
async function openFresh({ withDocument, indexes }) {
  const req = indexedDB.open("floor" + serial++ + "-" + Math.random(), 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    const s = db.createObjectStore("invoices", { keyPath: "id" });
    if (indexes) {
      // The till's invoices store (localDatabase.ts, version 11; version 10 also had "status").
      if (indexes === "v10") s.createIndex("status", "status");
      s.createIndex("issuedAt", "issuedAt");
      s.createIndex("number", "number");
      s.createIndex("numberingNumber", ["numberingId", "number"]);
      s.createIndex("shiftId", withDocument ? "document.shiftId" : "shiftId");
      s.createIndex("serverVersion", "serverVersion");
      s.createIndex("queue", ["status", "issuedAt", "id"]);
    }
    db.createObjectStore("documents", { keyPath: "id" });
    db.createObjectStore("acks", { keyPath: "at" });
    db.createObjectStore("states", { keyPath: "id" });
    db.createObjectStore("outbox", { keyPath: "id" }).createIndex("queue", ["issuedAt", "id"]);
  };
  const db = await done(req);
  const tx = db.transaction(["invoices", "documents", "outbox"], "readwrite");
  for (let i = 0; i < N; i++) {
    tx.objectStore("invoices").put(recordOf(i, withDocument));
    tx.objectStore("outbox").put({ id: documentOf(i).id, issuedAt: documentOf(i).issuedAt });
    if (!withDocument) tx.objectStore("documents").put(documentOf(i));
  }
  await finished(tx);
  return db;
}
const idsOf = (page) => Array.from({ length: PAGE }, (_, k) => documentOf(page * PAGE + k).id);
const synced = (r, k) => ({ ...r, status: "synced", serverVersion: 100 + k, serverRevision: 1, updatedAt: new Date().toISOString() });
async function rewrite(db, { read }) {
  for (let page = 0; page < N / PAGE; page++) {
    const tx = db.transaction(["invoices"], "readwrite", { durability: "strict" });
    const store = tx.objectStore("invoices");
    const ids = idsOf(page);
    const rows = read ? await Promise.all(ids.map((id) => done(store.get(id)))) : ids.map((id, k) => recordOf(page * PAGE + k, true));
    rows.forEach((r, k) => store.put(synced(r, k)));
    await finished(tx);
  }
}
/** Milliseconds of body on a fresh database of the given layout (its filling not timed). */
async function timed(layout, body) {
  const db = await openFresh(layout);
  const t0 = performance.now();
  await body(db);
  const ms = performance.now() - t0;
  db.close();
  return ms;
}
const v11 = { withDocument: true, indexes: "v11" };
/** One strict read-write transaction per answer of 200 on storeName, write called for each of its ids. */
const perAnswer = (storeName, write) =>
  timed(v11, async (db) => {
    for (let page = 0; page < N / PAGE; page++) {
      const tx = db.transaction([storeName], "readwrite", { durability: "strict" });
      const store = tx.objectStore(storeName);
      write(store, idsOf(page), page);
      await finished(tx);
    }
  });
const variants = {
  queue: () =>
    timed(v11, async (db) => {
      let after = ["pending", ""], read = 0;
      for (let page = 0; page < N / PAGE; page++) {
        const tx = db.transaction(["invoices"], "readonly");
        const range = IDBKeyRange.bound(after, ["pending", "\uffff"], true, false);
        const rows = await done(tx.objectStore("invoices").index("queue").getAll(range, PAGE));
        read += rows.length;
        const last = rows[rows.length - 1];
        after = ["pending", last.issuedAt, last.id];
      }
      if (read !== N) throw new Error("queue read " + read);
    }),
  rewrite: () => timed(v11, (db) => rewrite(db, { read: true })),
  rewriteV10: () => timed({ withDocument: true, indexes: "v10" }, (db) => rewrite(db, { read: true })),
  putOnly: () => timed(v11, (db) => rewrite(db, { read: false })),
  noDoc: () => timed({ withDocument: false, indexes: "v11" }, (db) => rewrite(db, { read: true })),
  noIndex: () => timed({ withDocument: true, indexes: false }, (db) => rewrite(db, { read: true })),
  ackLog: () =>
    perAnswer("acks", (store, ids, page) =>
      store.put({ at: page, states: ids.map((id, k) => ({ id, status: "synced", version: 100 + k, revision: 1 })) }),
    ),
  states: () =>
    perAnswer("states", (store, ids) =>
      ids.forEach((id, k) => store.put({ id, status: "synced", version: 100 + k, revision: 1, number: 5000 + k })),
    ),
  outbox: () => perAnswer("outbox", (store, ids) => ids.forEach((id) => store.delete(id))),
};
window.runVariant = (name) => variants[name]();
`;

const server = http.createServer((_req, res) => {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<!doctype html><meta charset="utf-8"><script>${pageScript}</script>`);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const profile = join(tmpdir(), `idb-upload-floor-${process.pid}`);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
const names = ["queue", "rewrite", "rewriteV10", "putOnly", "noDoc", "noIndex", "ackLog", "states", "outbox"];
const results = Object.fromEntries(names.map((n) => [n, []]));
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so no variant always runs first (or after the same one).
    const order = round % 2 === 0 ? names : [...names].reverse();
    const line = [];
    for (const name of order) {
      const ms = await page.evaluate((n) => window.runVariant(n), name);
      results[name].push(ms);
      line.push(`${name} ${ms.toFixed(0)}`);
    }
    console.log(`round ${round + 1}: ${line.join(", ")} ms`);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
for (const name of names) {
  const v = results[name];
  console.log(
    `${name}: median ${median(v).toFixed(0)} ms, range ${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} ms`,
  );
}
console.log(
  JSON.stringify({
    bench: "idbUploadFloor",
    rounds,
    ...Object.fromEntries(names.map((n) => [`${n}MedianMs`, Math.round(median(results[n]))])),
  }),
);
