// Where the till's main thread spends its time (issue 17): a CPU profile (Chrome DevTools Protocol) of
// the first load (Caja 1 clicked → the sale screen), the search keystrokes and "Facturar" → receipt, with
// the same steps as posBenchmark.mjs, summed by function (self time). Build the web app unminified for readable names, e.g.
//   npx vite build --minify false --outDir /tmp/prof/packages/web/dist   (and serve that folder)
//   BASE=http://127.0.0.1:3418 node packages/web/bench/tillProfile.mjs [--top 25] [--sales 30]
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromiumLaunch.mjs";

const base = process.env.BASE ?? "http://127.0.0.1:3000";
const email = process.env.EMAIL ?? "caja@bench.co";
const password = process.env.PASSWORD ?? "ejemplar2026";
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const top = argValue("--top", 25);
const sales = argValue("--sales", 30);

/** Self time per function (name + file:line), in ms, from a CDP profile. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const file = f.url ? f.url.replace(/^.*\//, "") : "";
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const all = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const busy = all.filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(program)"));
  return { all, busy };
}

function print(title, profile, perAction) {
  const { all, busy } = selfTimes(profile);
  const sum = (rows) => rows.reduce((s, [, v]) => s + v, 0);
  console.log(
    `\n${title}: ${sum(busy).toFixed(0)} ms busy (JS + GC + native) of ${sum(all).toFixed(0)} ms sampled; ` +
      `${(sum(busy) / perAction).toFixed(2)} ms per action`,
  );
  for (const [key, value] of busy.slice(0, top))
    console.log(`  ${value.toFixed(1).padStart(8)} ms  ${(value / perAction).toFixed(3).padStart(7)}  ${key}`);
}

const profileDir = join(tmpdir(), `mostrador-profile-${Date.now()}`);
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1366, height: 768 },
  args: [...chromiumArgs],
});
const page = context.pages()[0] ?? (await context.newPage());
try {
  await page.goto(base);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  const caja1 = page.getByRole("button", { name: "Caja 1" });
  await caja1.waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await caja1.click();
  const search = page.getByRole("searchbox", { name: "Buscar producto" });
  const openShift = page.getByRole("heading", { name: "Abrir turno", exact: true });
  await search.or(openShift).first().waitFor({ timeout: 120_000 });
  print("first load (Caja 1 clicked → sale screen or Abrir turno)", (await cdp.send("Profiler.stop")).profile, 1);
  if (await openShift.isVisible()) {
    await page.getByLabel("Base inicial").fill("0");
    await page.getByRole("button", { name: "Abrir turno", exact: true }).click();
  }
  await search.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });

  let keystrokes = 0;
  await cdp.send("Profiler.start");
  for (const query of ["leche", "arroz 1", "cafe molido", "prod 1234", "jab", "galletas soda", "7700", "ref"]) {
    await search.fill("");
    for (const ch of query) {
      await search.press(ch === " " ? "Space" : ch);
      keystrokes += 1;
      await page.waitForTimeout(30);
    }
  }
  await search.fill("");
  print("search keystrokes", (await cdp.send("Profiler.stop")).profile, keystrokes);

  // One untimed sale first, so lazy chunks are in and the receipt has been rendered once.
  const sell = async (i, profiled) => {
    await page
      .locator(".product-tile")
      .nth(i % 10)
      .click();
    await page
      .locator(".product-tile")
      .nth((i + 3) % 10)
      .click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    const invoice = page.getByRole("button", { name: "Facturar" });
    await invoice.waitFor();
    if (profiled) await cdp.send("Profiler.start");
    await invoice.click();
    await page.getByRole("button", { name: "Nueva venta" }).waitFor();
    const profile = profiled ? (await cdp.send("Profiler.stop")).profile : null;
    await page.getByRole("button", { name: "Nueva venta" }).click();
    return profile;
  };
  await sell(0, false);
  const merged = { nodes: [], samples: [], timeDeltas: [] };
  let offset = 0;
  for (let i = 1; i <= sales; i++) {
    const p = await sell(i, true);
    for (const n of p.nodes) merged.nodes.push({ ...n, id: n.id + offset });
    merged.samples.push(...p.samples.map((s) => s + offset));
    merged.timeDeltas.push(...p.timeDeltas);
    offset += Math.max(...p.nodes.map((n) => n.id)) + 1;
  }
  print("Facturar click → Nueva venta visible (includes the click's own round trip)", merged, sales);
} finally {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
}
