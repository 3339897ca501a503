import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../app/serverPaths";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { addGeneratedCatalog, seedDemoCompany } from "../demo/demoCompanySeeder";
import { addGeneratedSales } from "../demo/salesGenerator";

// npm run seed -- --products 20000 --clients 10000 [--invoices 1000000 [--days 365]] [--domain bench.co]
const { values } = parseArgs({
  options: {
    products: { type: "string", default: "0" },
    clients: { type: "string", default: "0" },
    invoices: { type: "string", default: "0" },
    days: { type: "string", default: "365" },
    domain: { type: "string" },
  },
});
const products = Number(values.products);
const clients = Number(values.clients);
const invoices = Number(values.invoices);
const days = Number(values.days);
const counts = [products, clients, invoices];
if (counts.some((c) => !Number.isInteger(c) || c < 0) || !Number.isInteger(days) || days < 1) {
  console.error("usage: npm run seed -- --products N --clients N [--invoices N [--days N]] [--domain example.co]");
  process.exit(2);
}
const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, "data"),
});
await migrate(db);
const domain = values.domain ?? `catalogo${Date.now()}.co`;
const demo = await seedDemoCompany(db, { name: `Catálogo grande ${domain}`, emailDomain: domain });
const started = Date.now();
await addGeneratedCatalog(db, demo.companyId, { products, clients }, Object.values(demo.taxes), demo.categoryIds);
const catalogDone = Date.now();
let reported = 0;
await addGeneratedSales(db, demo, {
  invoices,
  days,
  onBatch: (written) => {
    if (written - reported < 100_000 && written !== invoices) return;
    reported = written;
    console.log(`${written} invoices in ${Math.round((Date.now() - catalogDone) / 1000)} s`);
  },
});
console.log(
  `company ${demo.companyId}: ${products} products and ${clients} clients in ${catalogDone - started} ms, ${invoices} invoices in ${Date.now() - catalogDone} ms; login ${demo.adminEmail} / ${demo.password}`,
);
await db.close();
