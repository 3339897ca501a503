// Diagnostic (issue 17, session 18): when does a strict IndexedDB transaction started from a button's click get
// its answers? A bare page (no app), four buttons: no :active style ("flat"), an :active style ("act"), the native
// look ("native"), and one whose handler also changes the DOM ("dom"). Each is pressed 30 times, by
//   node packages/web/bench/clickDeferProbe.mjs click   Playwright's click: press and release in one frame
//   node packages/web/bench/clickDeferProbe.mjs enter   the button focused first, then Enter
//   node packages/web/bench/clickDeferProbe.mjs press   the mouse moved, pressed, released, 40 ms apart
// and the handler's transaction is timed: its first answer, its `complete`, and `complete` from the event's time.
import http from "node:http";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromiumLaunch.mjs";

const html = `<!doctype html><meta charset=utf-8><style>
.flat{background:#036;color:#fff;border:0;padding:1em;font:16px sans-serif}
.act{background:#036;color:#fff;border:0;padding:1em;font:16px sans-serif}
.act:active{background:#048}
</style>
<button id=flat class=flat>flat</button> <button id=act class=act>act</button> <button id=native>native</button>
<button id=dom class=flat>dom</button> <span id=out>0</span>
<script>
const doc = { lines: Array.from({length: 8}, (_, i) => ({ i, name: "producto " + i, qty: 1, price: 1000 + i, tax: 19 })), pad: "x".repeat(1200) };
let db; const o = indexedDB.open("probe", 1); o.onupgradeneeded = () => o.result.createObjectStore("s"); o.onsuccess = () => { db = o.result; window.ready = true; };
window.res = [];
let n = 0;
function go(ev, mutate) {
  const t0 = performance.now(); const ts = ev.timeStamp; const kind = ev.currentTarget.id;
  const tx = db.transaction("s", "readwrite", { durability: "strict" });
  const r = tx.objectStore("s").put({ ...doc, n: ++n }, n);
  if (mutate) document.getElementById("out").textContent = String(n);
  let first = 0;
  r.onsuccess = () => { first = performance.now(); };
  tx.oncomplete = () => { const t = performance.now(); window.res.push({ kind, first: first - t0, complete: t - t0, fromEvent: t - ts }); };
}
for (const id of ["flat", "act", "native"]) document.getElementById(id).addEventListener("click", (e) => go(e, false));
document.getElementById("dom").addEventListener("click", (e) => go(e, true));
</script>`;
const server = http
  .createServer((_request, r) => {
    r.setHeader("content-type", "text/html");
    r.end(html);
  })
  .listen(0);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => window.ready);
const kinds = ["flat", "act", "native", "dom"];
const mode = process.argv[2] ?? "click";
for (let round = 0; round < 30; round++)
  for (const k of kinds) {
    if (mode === "click") await page.click(`#${k}`);
    else if (mode === "enter") {
      await page.focus(`#${k}`);
      await page.waitForTimeout(40);
      await page.keyboard.press("Enter");
    } else if (mode === "press") {
      const b = await page.locator(`#${k}`).boundingBox();
      await page.mouse.move(b.x + 5, b.y + 5);
      await page.waitForTimeout(40);
      await page.mouse.down();
      await page.waitForTimeout(40);
      await page.mouse.up();
    }
    await page.waitForTimeout(60);
  }
const res = await page.evaluate(() => window.res);
const pct = (values, p) => {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
};
const p50p95 = (rows, field) =>
  `${pct(
    rows.map((x) => x[field]),
    0.5,
  )} / ${pct(
    rows.map((x) => x[field]),
    0.95,
  )}`;
for (const k of kinds) {
  const rows = res.filter((x) => x.kind === k);
  const line = [`first answer ${p50p95(rows, "first")}`, `complete ${p50p95(rows, "complete")}`];
  console.log(
    `${k.padEnd(7)} n=${rows.length}, p50 / p95 ms: ${line.join(", ")}, from the event ${p50p95(rows, "fromEvent")}`,
  );
}
await browser.close();
server.close();
