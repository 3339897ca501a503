// Diagnostic for issue 17: where "Facturar" spends its time, transaction by transaction. Every IndexedDB
// transaction of the page is recorded (scope, mode, created / each request's answer / complete, the
// complete listeners and Dexie's handler), then: raw strict transactions on the app's database with nothing
// else running, the same transaction started from a click (at once, after a timeout, after a frame: what
// the frame after an input costs), and INVOICES sales as posBenchmark.mjs makes them.
// Needs a running app with a seeded catalog (see posBenchmark.mjs), then:
//   BASE=http://127.0.0.1:3418 INVOICES=40 node packages/web/bench/facturarTimeline.mjs
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromiumLaunch.mjs";

const base = process.env.BASE ?? "http://127.0.0.1:3000";
const invoices = Number(process.env.INVOICES ?? 40);
const pct = (v, p) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sum = (v) =>
  `p50 ${pct(v, 50)?.toFixed(1)} p95 ${pct(v, 95)?.toFixed(1)} mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)}`;
const profile = join(tmpdir(), `fact-diag-${Date.now()}`);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1366, height: 768 },
  args: [...chromiumArgs, ...(process.env.EXTRA_ARGS ? process.env.EXTRA_ARGS.split(" ") : [])],
});
await context.addInitScript(() => {
  const log = [];
  window.__txlog = log;
  const recOf = new WeakMap();
  const orig = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, opts) {
    const tx = orig.call(this, stores, mode, opts);
    const rec = {
      stores: [].concat(stores).join(","),
      mode: mode ?? "readonly",
      t0: performance.now(),
      first: null,
      complete: null,
      reqs: [],
    };
    log.push(rec);
    recOf.set(tx, rec);
    tx.addEventListener("complete", () => (rec.complete = performance.now()));
    tx.addEventListener("abort", () => (rec.aborted = performance.now()));
    return tx;
  };
  window.__recOf = recOf;
  const desc = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, "oncomplete");
  Object.defineProperty(IDBTransaction.prototype, "oncomplete", {
    get() {
      return desc.get.call(this);
    },
    set(h) {
      const tx = this;
      desc.set.call(
        this,
        h && !h.__wrapped
          ? Object.assign(
              function (ev) {
                const rec = recOf.get(tx);
                const t = performance.now();
                try {
                  return h.call(this, ev);
                } finally {
                  if (rec) {
                    rec.handler ??= [];
                    rec.handler.push([t, performance.now()]);
                  }
                }
              },
              { __wrapped: true },
            )
          : h,
      );
    },
  });
  const ael = IDBTransaction.prototype.addEventListener;
  IDBTransaction.prototype.addEventListener = function (type, fn, opts) {
    const tx = this;
    if (type !== "complete" || !recOf.get(tx)) return ael.call(this, type, fn, opts);
    return ael.call(
      this,
      type,
      function (ev) {
        const rec = recOf.get(tx);
        const t = performance.now();
        try {
          return fn.call(this, ev);
        } finally {
          rec.listeners ??= [];
          rec.listeners.push([t, performance.now()]);
        }
      },
      opts,
    );
  };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    for (const m of ["get", "getAll", "getAllKeys", "put", "add", "delete", "openCursor", "openKeyCursor", "count"]) {
      const o = proto[m];
      if (!o) continue;
      proto[m] = function (...args) {
        const req = o.apply(this, args);
        const tx = this instanceof IDBIndex ? this.objectStore.transaction : this.transaction;
        const rec = recOf.get(tx);
        if (rec) {
          const r = { m, s: this.name, t: performance.now() };
          rec.reqs.push(r);
          req.addEventListener("success", () => {
            if (r.done == null) r.done = performance.now();
            if (rec.first == null) rec.first = performance.now();
          });
        }
        return req;
      };
    }
  }
});
const page = context.pages()[0] ?? (await context.newPage());
try {
  await page.goto(base);
  await page.getByLabel("Correo electrónico").fill("caja@bench.co");
  await page.getByLabel("Contraseña").fill("ejemplar2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await page.getByRole("button", { name: "Caja 1" }).click();
  const searchBox = page.getByRole("searchbox", { name: "Buscar producto" });
  const openShift = page.getByRole("heading", { name: "Abrir turno", exact: true });
  await searchBox.or(openShift).first().waitFor({ timeout: 120_000 });
  if (await openShift.isVisible()) {
    await page.getByLabel("Base inicial").fill("0");
    await page.getByRole("button", { name: "Abrir turno", exact: true }).click();
  }
  await searchBox.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000);
  // Raw strict transactions on the app's database, nothing else running.
  const raw = await page.evaluate(async () => {
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open("mostrador");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const doc = { key: "__diag", blob: "x".repeat(2400) };
    const out = { put: [], numberingsPut: [] };
    for (let i = 0; i < 40; i++) {
      let t = performance.now();
      await new Promise((res) => {
        const tx = db.transaction(["meta"], "readwrite", { durability: "strict" });
        tx.objectStore("meta").put({ ...doc, i });
        tx.oncomplete = res;
      });
      out.put.push(performance.now() - t);
      t = performance.now();
      await new Promise((res) => {
        const tx = db.transaction(["meta", "numberings", "numberBlocks"], "readwrite", { durability: "strict" });
        tx.objectStore("numberings").getAll();
        tx.objectStore("numberBlocks").getAll();
        tx.objectStore("meta").put({ ...doc, i });
        tx.oncomplete = res;
      });
      out.numberingsPut.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((res) => {
      const tx = db.transaction(["meta"], "readwrite");
      tx.objectStore("meta").delete("__diag");
      tx.oncomplete = res;
    });
    db.close();
    return out;
  });
  console.log(`raw strict put on meta: ${sum(raw.put)}`);
  console.log(`raw strict numberings+blocks getAll + meta put: ${sum(raw.numberingsPut)}`);
  // The same raw transaction started from a click handler (as Facturar is), three ways.
  await page.evaluate(async () => {
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open("mostrador");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    window.__clickTx = { now: [], timeout: [], frame: [] };
    const run = (bucket, clicked) => {
      const t = performance.now();
      let first = null;
      const tx = db.transaction(["meta", "numberings", "numberBlocks"], "readwrite", { durability: "strict" });
      const q = tx.objectStore("numberings").getAll();
      q.onsuccess = () => (first = performance.now());
      tx.objectStore("numberBlocks").getAll();
      tx.objectStore("meta").put({ key: "__diag", blob: "x".repeat(2400) });
      tx.oncomplete = () =>
        window.__clickTx[bucket].push([first - t, performance.now() - first, performance.now() - clicked]);
    };
    for (const mode of ["now", "timeout", "frame"]) {
      const b = document.createElement("button");
      b.textContent = `diag-${mode}`;
      b.style.cssText = `position:fixed;top:0;left:${mode === "now" ? 0 : mode === "timeout" ? 120 : 240}px;z-index:99999`;
      b.onclick = () => {
        const c = performance.now();
        requestAnimationFrame(() => {
          const r = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            window.__frames ??= [];
            window.__frames.push([r - c, performance.now() - r]);
          };
          ch.port2.postMessage(0);
        });
        mode === "now"
          ? run(mode, c)
          : mode === "timeout"
            ? setTimeout(() => run(mode, c), 0)
            : requestAnimationFrame(() => setTimeout(() => run(mode, c), 0));
      };
      document.body.append(b);
    }
  });
  for (let i = 0; i < 30; i++)
    for (const mode of ["now", "timeout", "frame"]) {
      await page.getByRole("button", { name: `diag-${mode}` }).click();
      await page.waitForTimeout(60);
    }
  const clickTx = await page.evaluate(() => window.__clickTx);
  const fr = await page.evaluate(() => window.__frames);
  console.log(
    `click → rAF ${sum(fr.map((x) => x[0]))}; rAF → after frame ${sum(fr.map((x) => x[1]))}; elements ${await page.evaluate(() => document.querySelectorAll("*").length)}`,
  );
  for (const [mode, v] of Object.entries(clickTx))
    console.log(
      `click → raw tx (${mode}): tx → first answer ${sum(v.map((x) => x[0]))}; first → complete ${sum(v.map((x) => x[1]))}; click → complete ${sum(v.map((x) => x[2]))}`,
    );
  await page.evaluate(() =>
    document.querySelectorAll("button").forEach((b) => {
      if (b.textContent.startsWith("diag-")) b.remove();
    }),
  );
  const rawLog = await page.evaluate(() =>
    window.__txlog.filter((x) => x.mode === "readwrite" && x.stores.startsWith("meta")),
  );
  for (const kind of ["meta", "meta,numberings,numberBlocks"]) {
    const txs = rawLog.filter((x) => x.stores === kind);
    console.log(
      `raw ${kind}: tx → first answer ${sum(txs.map((x) => x.first - x.t0))}; first → complete ${sum(txs.map((x) => x.complete - x.first))}`,
    );
  }
  await page.evaluate(() => {
    window.__txlog.length = 0;
    performance.clearMeasures();
  });
  for (let i = 0; i < invoices; i++) {
    await page
      .locator(".product-tile")
      .nth(i % 10)
      .click();
    await page
      .locator(".product-tile")
      .nth((i + 3) % 10)
      .click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    if (i === 0)
      console.log(`elements at the payment step: ${await page.evaluate(() => document.querySelectorAll("*").length)}`);
    await page.getByRole("button", { name: "Facturar" }).click();
    await page.getByRole("button", { name: "Nueva venta" }).click();
  }
  const r = await page.evaluate(() => ({
    log: window.__txlog,
    inv: performance
      .getEntriesByName("mostrador:invoice", "measure")
      .map((e) => ({ start: e.startTime, d: e.duration })),
    save: performance
      .getEntriesByName("mostrador:invoice-save", "measure")
      .map((e) => ({ start: e.startTime, d: e.duration })),
  }));
  const saves = r.log.filter(
    (x) => x.mode === "readwrite" && x.stores.includes("invoices") && x.stores.includes("numberBlocks"),
  );
  console.log(
    `Facturar → receipt: ${sum(r.inv.map((x) => x.d))}; save ${sum(r.save.map((x) => x.d))}; save txs ${saves.length}`,
  );
  const toFirst = [],
    firstToComplete = [],
    before = [],
    after = [],
    reqDone = {},
    overlapping = [];
  saves.forEach((tx, i) => {
    const s = r.save[i];
    toFirst.push(tx.first - tx.t0);
    firstToComplete.push(tx.complete - tx.first);
    if (s) {
      before.push(tx.t0 - s.start);
      after.push(s.start + s.d - tx.complete);
    }
    for (const q of tx.reqs) {
      reqDone[`${q.m}:${q.s}`] ??= [];
      reqDone[`${q.m}:${q.s}`].push(q.done - tx.t0);
    }
    overlapping.push(
      r.log
        .filter((o) => o !== tx && o.t0 < tx.complete && (o.complete ?? Infinity) > tx.t0)
        .map((o) => `${o.mode[0]}:${o.stores}`)
        .join(" | "),
    );
  });
  const fmt = (tx, i) => {
    const s = r.save[i];
    const end = s ? s.start + s.d : NaN;
    return `complete ${(tx.complete - tx.t0).toFixed(1)} listeners ${JSON.stringify((tx.listeners ?? []).map(([a, b]) => [+(a - tx.complete).toFixed(2), +(b - tx.complete).toFixed(2)]))} handler ${JSON.stringify((tx.handler ?? []).map(([a, b]) => [+(a - tx.complete).toFixed(2), +(b - tx.complete).toFixed(2)]))} saveEnd ${(end - tx.complete).toFixed(2)}`;
  };
  for (let i = 0; i < Math.min(8, saves.length); i++) console.log(`  save ${i}: ${fmt(saves[i], i)}`);
  console.log(
    `save: before tx ${sum(before)}; tx → first answer ${sum(toFirst)}; first → complete ${sum(firstToComplete)}; complete → promise ${sum(after)}`,
  );
  for (const [k, v] of Object.entries(reqDone)) console.log(`  ${k} done at ${sum(v)} after tx start (n=${v.length})`);
  const ov = {};
  for (const o of overlapping) for (const x of o.split(" | ").filter(Boolean)) ov[x] = (ov[x] ?? 0) + 1;
  console.log(`transactions overlapping the saves: ${JSON.stringify(ov)}`);
  console.log(`transactions per sale: ${(r.log.length / invoices).toFixed(1)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
