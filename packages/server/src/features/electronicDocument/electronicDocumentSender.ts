import { DIAN_SERVICE_URLS, type DianEnvironment } from "@mostrador/domain";
import type { Database } from "../../db/database";
import { loadSigningIdentity } from "../dianCertificate/dianCertificateStore";
import type { SecretBox } from "../dianCertificate/secretBox";
import {
  type DianAnswer,
  type DianGateway,
  DianUnavailable,
  type DianVerdict,
  ruleCodesOf,
  verdictOf,
} from "./dianClient/dianGateway";
import { soapDianGateway } from "./dianClient/soapDianGateway";
import { zipOneFile } from "./dianClient/zipFile";
import {
  type ClaimedDocument,
  claimDueDocuments,
  nextDianFileName,
  retryDelayMs,
  updateClaimed,
  validationWaitMs,
} from "./electronicDocumentOutbox";
import { letTillsLearnElectronicDocumentStates } from "./electronicDocumentStateToTills";
import type { SigningIdentity } from "./xadesSigner";
import { signUblDocument } from "./xadesSigner";

/** What a company sends with: its service, environment and test set. */
export interface DianChannel {
  url: string;
  environment: DianEnvironment;
  testSetId: string | null;
}

export interface SenderDeps {
  secrets: SecretBox;
  now?: () => Date;
  /** The gateway of a company (another channel, or a test's); default: the SOAP client to its URL. */
  gatewayFor?: (channel: DianChannel, identity: SigningIdentity) => DianGateway;
  /** Documents taken per claim (default 20). */
  batchSize?: number;
  /** Documents handled in one call at most (default 500): the rest wait for the next. */
  maxDocuments?: number;
}

export interface SendReport {
  accepted: number;
  rejected: number;
  /** Sent or checked without a final answer yet (test set still validating, DIAN unavailable). */
  waiting: number;
}

interface CompanyContext {
  channel: DianChannel;
  gateway: DianGateway;
  identity: SigningIdentity;
}

/**
 * electronicDocumentSender: sends the due documents of the outbox to the DIAN (all companies, or
 * one) and records each answer. Per document: sign it once (XAdES-EPES with the company's
 * certificate; the signed XML and its file name are kept, so a resend sends the same bytes);
 * if anything was sent before, GetStatus (or GetStatusZip for a test-set zip) first — a document
 * is never sent twice as new; then SendTestSetAsync (habilitación: environment 2 with a test set
 * id) or SendBillSync. Accepted and rejected (with the rule codes) are final; "procesado
 * anteriormente" asks GetStatus; the DIAN unavailable or still validating → sent, due again after
 * an exponential backoff (30 s doubling, capped at an hour).
 */
export async function sendPendingElectronicDocuments(
  db: Database,
  deps: SenderDeps,
  companyId?: string,
): Promise<SendReport> {
  const now = deps.now ?? (() => new Date());
  const report: SendReport = { accepted: 0, rejected: 0, waiting: 0 };
  const companies = new Map<string, CompanyContext | Error>();
  let handled = 0;
  while (handled < (deps.maxDocuments ?? 500)) {
    const claimed = await claimDueDocuments(db, now(), deps.batchSize ?? 20, companyId);
    if (claimed.length === 0) break;
    for (const doc of claimed) {
      handled++;
      let context = companies.get(doc.companyId);
      if (!context) {
        context = await companyContext(db, deps, doc.companyId).catch((e: unknown) =>
          e instanceof Error ? e : new Error(String(e)),
        );
        companies.set(doc.companyId, context);
      }
      const outcome = await sendOne(db, doc, context, now).catch(async (error: unknown) => {
        if (!doc.counted) await countAttempt(db, doc, now());
        return retryLater(db, doc, now(), `${(error as Error).message ?? error}`);
      });
      report[outcome]++;
    }
  }
  return report;
}

async function companyContext(db: Database, deps: SenderDeps, companyId: string): Promise<CompanyContext> {
  const rows = await db.query(
    "SELECT dian_environment, dian_service_url, dian_test_set_id FROM companies WHERE id = $1",
    [companyId],
  );
  const row = rows[0] as Record<string, unknown>;
  const environment = String(row.dian_environment) as DianEnvironment;
  const channel: DianChannel = {
    url: row.dian_service_url ? String(row.dian_service_url) : DIAN_SERVICE_URLS[environment],
    environment,
    testSetId: row.dian_test_set_id ? String(row.dian_test_set_id) : null,
  };
  const identity = await loadSigningIdentity(db, deps.secrets, companyId);
  if (!identity) throw new Error("the company has no DIAN certificate");
  const gateway = deps.gatewayFor
    ? deps.gatewayFor(channel, identity)
    : soapDianGateway({ url: channel.url, identity });
  return { channel, gateway, identity };
}

async function sendOne(
  db: Database,
  doc: ClaimedDocument,
  context: CompanyContext | Error,
  now: () => Date,
): Promise<keyof SendReport> {
  if (context instanceof Error) throw context;
  const { gateway, channel, identity } = context;
  if (!doc.signedXml || !doc.fileName) {
    const signedXml = await signUblDocument(doc.xml, identity, now());
    const fileName = await nextDianFileName(db, doc.companyId, now());
    if (!(await updateClaimed(db, doc, { signed_xml: signedXml, dian_file_name: fileName }, now()))) return "waiting";
    doc.signedXml = signedXml;
    doc.fileName = fileName;
  }
  await countAttempt(db, doc, now());
  if (doc.sentBefore) {
    // GetStatus before any resend: the DIAN may have it already (an answer lost, a crash mid-send).
    const status = doc.zipKey ? await zipStatus(gateway, doc) : await gateway.getStatus(doc.cude);
    const verdict = status ? verdictOf(status) : "pending";
    if (status && (verdict === "accepted" || verdict === "rejected")) return finish(db, doc, status, verdict, now());
    // Still validating (a test-set zip, or a document the DIAN is processing): ask again later.
    if (verdict !== "unknown") return retryLater(db, doc, now(), null, status, "validating");
  }
  // Sent (or being sent) from here on: a crash before the answer leaves it "sent", asked for next time.
  const sentAt = now();
  await updateClaimed(db, doc, { state: "sent", sent_at: doc.sentBefore ? undefined : sentAt.toISOString() }, sentAt);
  doc.sentBefore = true;
  const file = {
    fileName: `z${doc.fileName}.zip`,
    // The XML's name: fv for the ticket, nc for an adjustment note (a CreditNote).
    content: zipOneFile(
      `${doc.kind === "adjustment_note" ? "nc" : "fv"}${doc.fileName}.xml`,
      Buffer.from(doc.signedXml, "utf8"),
      sentAt,
    ),
  };
  try {
    if (channel.environment === "2" && channel.testSetId) {
      const receipt = await gateway.sendTestSetAsync(file, channel.testSetId);
      if (!receipt.zipKey) {
        const refusal: DianAnswer = {
          statusCode: "99",
          isValid: false,
          statusDescription: "SendTestSetAsync refused the zip",
          messages: receipt.messages,
          documentKey: doc.cude,
          raw: receipt.raw,
        };
        return finish(db, doc, refusal, "rejected", now());
      }
      doc.zipKey = receipt.zipKey;
      await updateClaimed(db, doc, { dian_zip_key: receipt.zipKey }, now());
      return retryLater(db, doc, now(), null, null, "validating");
    }
    const answer = await gateway.sendBillSync(file);
    let verdict = verdictOf(answer);
    let final = answer;
    if (verdict === "already_processed") {
      final = await gateway.getStatus(doc.cude);
      verdict = verdictOf(final);
    }
    if (verdict === "accepted" || verdict === "rejected") return finish(db, doc, final, verdict, now());
    return retryLater(db, doc, now(), null, final, "validating");
  } catch (error) {
    if (error instanceof DianUnavailable) return retryLater(db, doc, now(), error.message);
    throw error;
  }
}

async function zipStatus(gateway: DianGateway, doc: ClaimedDocument): Promise<DianAnswer | null> {
  const answers = await gateway.getStatusZip(String(doc.zipKey));
  return answers.find((a) => a.documentKey === doc.cude) ?? answers[0] ?? null;
}

/** The DIAN's last answer as the outbox keeps it. */
function answerColumns(answer: DianAnswer) {
  return {
    dian_status_code: answer.statusCode,
    dian_messages: JSON.stringify(
      answer.statusDescription ? [answer.statusDescription, ...answer.messages] : answer.messages,
    ),
    dian_rule_codes: JSON.stringify(ruleCodesOf(answer.messages)),
    dian_response: answer.raw,
  };
}

/** Thrown inside finish's transaction when another sender took the document meanwhile: nothing is kept. */
const claimLost = new Error("the document's claim was lost");

async function finish(
  db: Database,
  doc: ClaimedDocument,
  answer: DianAnswer,
  verdict: Extract<DianVerdict, "accepted" | "rejected">,
  at: Date,
): Promise<keyof SendReport> {
  // With the verdict, the invoice takes a new version: the till that sold it learns it on its next
  // pull (its receipt stops saying "Validación DIAN pendiente"). Taken before the document's row, in the
  // order a return's adjustment note takes them (the invoice, its device's counter, then the ticket's
  // document); a claim lost meanwhile rolls it back.
  const held = await db
    .transaction(async (tx) => {
      await letTillsLearnElectronicDocumentStates(tx, doc.companyId, [doc.invoiceId]);
      const written = await updateClaimed(
        tx,
        doc,
        {
          ...answerColumns(answer),
          state: verdict,
          accepted_at: verdict === "accepted" ? at.toISOString() : null,
          next_attempt_at: null,
          send_error: null,
        },
        at,
      );
      if (!written) throw claimLost;
      return true;
    })
    .catch((error: unknown) => {
      if (error === claimLost) return false;
      throw error;
    });
  return held ? verdict : "waiting";
}

/** One more round with the DIAN for this document (the backoff grows with them). */
async function countAttempt(db: Database, doc: ClaimedDocument, at: Date) {
  await updateClaimed(db, doc, { attempts: doc.attempts + 1 }, at);
  doc.attempts++;
  doc.counted = true;
}

/**
 * Due again later: after the transient failure's backoff, or — a document the DIAN is still
 * validating — after a shorter wait.
 */
async function retryLater(
  db: Database,
  doc: ClaimedDocument,
  at: Date,
  error: string | null,
  answer?: DianAnswer | null,
  why: "failure" | "validating" = "failure",
): Promise<"waiting"> {
  const attempts = Math.max(doc.attempts, 1);
  const delay = why === "validating" ? validationWaitMs(attempts) : retryDelayMs(attempts);
  await updateClaimed(
    db,
    doc,
    {
      ...(answer ? answerColumns(answer) : {}),
      next_attempt_at: new Date(at.getTime() + delay).toISOString(),
      send_error: error,
    },
    at,
  );
  return "waiting";
}
