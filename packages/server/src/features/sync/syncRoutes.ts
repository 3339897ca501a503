import {
  creditNoteDocumentSchema,
  deviceReportSchema,
  invoiceDocumentSchema,
  invoiceVoidDocumentSchema,
  leaseRequestSchema,
  MAX_PUSH_BATCH,
  NEXT_PULL_HEADER,
  newClientSchema,
  numberBlockSchema,
  type PullResponse,
  pullQuerySchema,
  pullResponseSchema,
  pushResponseSchema,
  SCHEMA_VERSION_HEADER,
  shiftDocumentSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { preSerialized } from "../../http/jsonText";
import { documentedAs, errorResponses } from "../../http/routeSchemas";
import { requestSchemaVersion } from "../../http/schemaVersion";
import { recordDeviceContact } from "../devices/deviceActivity";
import type { SecretBox } from "../dianCertificate/secretBox";
import { pushResultsWithElectronicDocuments } from "../electronicDocument/invoiceElectronicDocuments";
import { readStockChanges, stockSince } from "../inventory/stockFeed";
import { pushGroupCommit } from "../invoices/pushGroupCommit";
import { type LeaseRateLimiter, leaseRateLimiter } from "../numbering/leaseRateLimiter";
import { leaseNumberBlock } from "../numbering/numberBlockLease";
import { acceptCreditNoteBatch } from "../returns/creditNoteAcceptor";
import { acceptVoidBatch } from "../returns/invoiceVoidAcceptor";
import { acceptShiftBatch } from "../shifts/shiftAcceptor";
import { readTerminalShift } from "../shifts/terminalShiftReader";
import { acceptClientBatch } from "../tillClients/tillClientAcceptor";
import { readChanges } from "./changeFeed";
import { probedHeads, probedTerminalShift, probeOrIdle } from "./idlePull";
import { nextPullQuery, pullAnswerJson } from "./pullAnswerJson";

// Invoices are parsed one by one by the acceptor, so one malformed invoice is rejected alone;
// the document still shows each item as an InvoiceDocument.
const pushBodySchema = z.strictObject({
  /** Clients created at the till, parsed one by one; written before the invoices; answered in `clientResults`. */
  clients: z
    .array(documentedAs(newClientSchema))
    .max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} clients per request` })
    .optional(),
  invoices: z
    .array(documentedAs(invoiceDocumentSchema))
    .max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} invoices per request` }),
  /** Cash shifts, parsed one by one like invoices; answered in `shiftResults`. */
  shifts: z
    .array(documentedAs(shiftDocumentSchema))
    .max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} shifts per request` })
    .optional(),
  /** Credit notes (returns), parsed one by one; answered in `creditNoteResults`. */
  creditNotes: z
    .array(documentedAs(creditNoteDocumentSchema))
    .max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} credit notes per request` })
    .optional(),
  /** Voids of synced invoices, parsed one by one; answered in `voidResults`. */
  voids: z
    .array(documentedAs(invoiceVoidDocumentSchema))
    .max(MAX_PUSH_BATCH, { message: `at most ${MAX_PUSH_BATCH} voids per request` })
    .optional(),
  report: deviceReportSchema.optional(),
});

/**
 * Whether a push wakes the DIAN sender: it accepted an invoice and may have generated electronic documents
 * (an invoice on a DEE POS or contingency numbering, a credit note, a void). A plain ticket's push generates
 * none, and the run it woke cost one more transaction per push (a claim that finds nothing of it); documents
 * due from before go on the sender's timer, a nudge, or the next push that generates one.
 */
export function wakesDianSender(
  electronicCandidates: ReadonlySet<string>,
  body: { creditNotes?: unknown[]; voids?: unknown[] },
  results: readonly { outcome: string }[],
): boolean {
  const mayHaveGenerated =
    electronicCandidates.size > 0 || (body.creditNotes?.length ?? 0) > 0 || (body.voids?.length ?? 0) > 0;
  return mayHaveGenerated && results.some((r) => r.outcome === "accepted");
}

/**
 * The till's schema version; one this server does not speak answers 400 UNSUPPORTED_SCHEMA_VERSION
 * (checked by the handler). Loose: the parsed value replaces req.headers, so every header stays.
 */
const schemaHeaders = z.looseObject({
  [SCHEMA_VERSION_HEADER]: z.string().optional().describe("SYNC_SCHEMA_VERSION of the till's data"),
});

export function registerSyncRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  /** Opens the DIAN software PIN for the electronic documents the push generates. */
  secrets: SecretBox,
  leaseLimiter: LeaseRateLimiter = leaseRateLimiter(),
  /** Invoices were accepted: their electronic documents may be sent (fire-and-forget, after the answer). */
  afterAcceptedInvoices: (companyId: string) => void = () => {},
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Concurrent pushes of one company are accepted together, one transaction for all (pushGroupCommit).
  const invoicePushes = pushGroupCommit(db, secrets);
  app.post(
    "/api/sync/push",
    {
      preValidation: guard.requireDevice,
      schema: {
        tags: ["sync"],
        summary:
          "Upload clients made at the till, invoices, cash shifts, credit notes and voids; one result each (a malformed item is rejected alone)",
        headers: schemaHeaders,
        body: pushBodySchema,
        response: { 200: pushResponseSchema, ...errorResponses({ auth: "device", body: true }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const body = req.body;
      const schemaVersion = requestSchemaVersion(req);
      // Clients first: an invoice of the same request that names one finds it.
      const clientResults = body.clients ? await acceptClientBatch(db, auth, body.clients) : undefined;
      const accepted = await invoicePushes.accept(auth, body.invoices, { report: body.report, schemaVersion });
      const results = await pushResultsWithElectronicDocuments(
        db,
        auth.companyId,
        accepted.results,
        accepted.electronicCandidates,
      );
      // After the invoices: a shift never holds them up, and its answer sees the invoices just stored.
      const shiftResults = body.shifts ? await acceptShiftBatch(db, auth, body.shifts) : undefined;
      // Credit notes after the invoices they return goods of; voids last (an invoice returned in
      // this batch can no longer be voided).
      const creditNoteResults = body.creditNotes
        ? await acceptCreditNoteBatch(db, auth, secrets, body.creditNotes)
        : undefined;
      const voidResults = body.voids ? await acceptVoidBatch(db, auth, body.voids) : undefined;
      if (wakesDianSender(accepted.electronicCandidates, body, results)) afterAcceptedInvoices(auth.companyId);
      return {
        results,
        ...(clientResults ? { clientResults } : {}),
        ...(shiftResults ? { shiftResults } : {}),
        ...(creditNoteResults ? { creditNoteResults } : {}),
        ...(voidResults ? { voidResults } : {}),
        serverTime: new Date().toISOString(),
      };
    },
  );

  app.get(
    "/api/sync/pull",
    {
      preValidation: guard.requireDevice,
      schema: {
        tags: ["sync"],
        summary: "Changes since a cursor",
        headers: schemaHeaders,
        querystring: pullQuerySchema,
        response: { 200: pullResponseSchema, ...errorResponses({ auth: "device" }) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const q = req.query;
      const schemaVersion = requestSchemaVersion(req);
      // Nothing new (the most frequent pull): one statement answers (counts=1 always takes the full pull).
      // Something new (a pull after a sale): the full pull starts from what that statement read.
      const probed = q.counts === "1" ? null : await probeOrIdle(db, auth, q, schemaVersion ?? null);
      if (probed && "idle" in probed) return probed.idle;
      const probe = probed?.probe;
      const heads = probe ? probedHeads(probe) : undefined;
      const deviceId = auth.deviceId as string;
      const cursors = { cursor: q.cursor, invoiceCursor: q.invoiceCursor };
      // "Tomar turno": every page says which shift is open on the device's terminal, whoever holds it.
      const [page, terminalShift] = await Promise.all([
        readChanges(db, auth.companyId, deviceId, cursors, q.limit, q.counts === "1", heads),
        probe ? probedTerminalShift(db, auth, probe) : readTerminalShift(db, auth.companyId, deviceId),
      ]);
      page.terminalShift = terminalShift;
      if (q.stockCursor !== undefined)
        page.stock = await readStockChanges(db, auth.companyId, deviceId, stockSince(q, page), q.limit, heads?.stock);
      if (!probe || probe.contact_due) await recordDeviceContact(db, auth, schemaVersion ?? null);
      if (page.hasMore) reply.header(NEXT_PULL_HEADER, nextPullQuery(page));
      // The catalog rows are JSON text from PostgreSQL: spliced into the answer, never parsed here.
      return preSerialized<PullResponse>(pullAnswerJson(page));
    },
  );

  app.post(
    "/api/number-blocks/lease",
    {
      preValidation: [
        guard.requireDevice,
        // Before the body is even read: a device looping lease calls costs the server next to nothing.
        async (req) => leaseLimiter.take(authOf(req).deviceId as string),
      ],
      schema: {
        tags: ["numbering"],
        summary: "Lease a block of numbers",
        body: leaseRequestSchema,
        response: {
          201: numberBlockSchema,
          ...errorResponses({ auth: "device", body: true, notFound: true, conflict: true, rateLimited: true }),
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const block = await leaseNumberBlock(db, authOf(req), body.numberingId, body.size);
      return reply.code(201).send(block);
    },
  );
}
