import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../app/serverPaths";
import { migrate } from "../db/migrator";
import { openDatabase } from "../db/openDatabase";
import { addGeneratedCatalog, seedDemoCompany } from "../demo/demoCompanySeeder";

// npm run seed -- --products 20000 --clients 10000 [--domain bench.co]
const { values } = parseArgs({
  options: {
    products: { type: "string", default: "0" },
    clients: { type: "string", default: "0" },
    domain: { type: "string" },
  },
});
const products = Number(values.products);
const clients = Number(values.clients);
if (!Number.isInteger(products) || !Number.isInteger(clients) || products < 0 || clients < 0) {
  console.error("usage: npm run seed -- --products N --clients N [--domain example.co]");
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
console.log(
  `company ${demo.companyId}: ${products} products and ${clients} clients in ${Date.now() - started} ms; login ${demo.cashierEmail} / ${demo.password}`,
);
await db.close();
