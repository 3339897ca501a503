import { deviceReportSchema, invoiceDocumentSchema, MAX_PUSH_BATCH, pullQuerySchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { docSchema } from "../../http/openApiSchema";
import { parseWith } from "../../http/parse";
import { acceptInvoiceBatch } from "../invoices/invoiceAcceptor";
import { type LeaseRateLimiter, leaseRateLimiter } from "../numbering/leaseRateLimiter";
import { leaseNumberBlock } from "../numbering/numberBlockLease";
import { readChanges } from "./changeFeed";
import { recordDeviceContact, requestSchemaVersion } from "./deviceContact";

// Invoices are parsed one by one by the acceptor, so one malformed invoice is rejected alone.
const pushBodySchema = z.strictObject({
  invoices: z.array(z.unknown()).max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} invoices per request` }),
  report: deviceReportSchema.optional(),
});

const leaseBodySchema = z.strictObject({
  numberingId: z.uuid({ message: "must be a UUID" }),
  size: z.number().int().min(1).max(5000).optional(),
});

export function registerSyncRoutes(
  app: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  leaseLimiter: LeaseRateLimiter = leaseRateLimiter(),
) {
  app.post(
    "/api/sync/push",
    {
      preHandler: guard.requireDevice,
      schema: {
        tags: ["sync"],
        summary: "Upload invoices; one result each",
        body: docSchema(z.object({ invoices: z.array(invoiceDocumentSchema), report: deviceReportSchema.optional() })),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const body = parseWith(pushBodySchema, req.body);
      const schemaVersion = requestSchemaVersion(req);
      const { results, reportRecorded } = await acceptInvoiceBatch(db, auth, body.invoices, body.report);
      if (!reportRecorded) await recordDeviceContact(db, auth, body.report, schemaVersion);
      return { results, serverTime: new Date().toISOString() };
    },
  );

  app.get(
    "/api/sync/pull",
    { preHandler: guard.requireDevice, schema: { tags: ["sync"], summary: "Changes since a cursor" } },
    async (req) => {
      const auth = authOf(req);
      const q = parseWith(pullQuerySchema, req.query, "query");
      const schemaVersion = requestSchemaVersion(req);
      const page = await readChanges(
        db,
        auth.companyId,
        auth.deviceId as string,
        { cursor: q.cursor, invoiceCursor: q.invoiceCursor },
        q.limit,
        q.counts === "1",
      );
      await recordDeviceContact(db, auth, undefined, schemaVersion);
      return page;
    },
  );

  app.post(
    "/api/number-blocks/lease",
    { preHandler: guard.requireDevice, schema: { tags: ["numbering"], summary: "Lease a block of numbers" } },
    async (req, reply) => {
      const auth = authOf(req);
      // Before any database work: a device looping lease calls costs the server next to nothing.
      leaseLimiter.take(auth.deviceId as string);
      const body = parseWith(leaseBodySchema, req.body);
      const block = await leaseNumberBlock(db, auth, body.numberingId, body.size);
      return reply.code(201).send(block);
    },
  );
}
