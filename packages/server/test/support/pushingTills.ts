import { type AuthContext, resolveToken } from "../../src/auth/authTokens";
import type { Queryable } from "../../src/db/database";
import { openTill, type Shop, type Till } from "./company";

/** A till and the auth context its device token resolves to (for calling the acceptors directly). */
export interface Pushing {
  till: Till;
  auth: AuthContext;
}

/** n tills of the shop, alternating between Caja 1 and Caja 2. */
export async function pushingTills(db: Queryable, shop: Shop, n: number): Promise<Pushing[]> {
  const out: Pushing[] = [];
  for (let i = 0; i < n; i++) {
    const till = await openTill(shop, { terminal: i % 2 ? "caja2" : "caja1" });
    out.push({ till, auth: (await resolveToken(db, till.token)) as AuthContext });
  }
  return out;
}
