import type { ElectronicDocumentSummary } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { contingencyEpisodes, contingencyNoticeParams } from "./contingencyEpisodes";

let n = 0;
function doc(overrides: Partial<ElectronicDocumentSummary>): ElectronicDocumentSummary {
  n += 1;
  const id = `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`;
  return {
    invoiceId: id,
    documentId: id,
    noteId: null,
    noteReason: null,
    referencesNumber: null,
    referencesCude: null,
    kind: "dee_pos",
    number: `CONT${n}`,
    environment: "2",
    state: "generated",
    problem: null,
    cude: "c".repeat(96),
    dianRuleCodes: [],
    attempts: 0,
    createdAt: "2026-12-01T15:00:00.000Z",
    updatedAt: "2026-12-01T15:00:00.000Z",
    contingency: true,
    outageEndedAt: "2026-12-01T15:00:00.000Z",
    deadlineAt: "2026-12-03T15:00:00.000Z",
    issuedAt: "2026-12-01T13:00:00.000Z",
    terminalId: "t1",
    terminalName: "Caja 1",
    dianAnswer: null,
    sentAt: null,
    acceptedAt: null,
    sendError: null,
    nextAttemptAt: null,
    ...overrides,
  };
}

describe("contingency episodes (for the notices to the DIAN)", () => {
  it("groups a till's tickets of one outage, numbers in order (CONT9 before CONT10), from the first ticket", () => {
    const episodes = contingencyEpisodes([
      doc({ number: "CONT10", issuedAt: "2026-12-01T14:00:00.000Z" }),
      doc({ number: "CONT9", issuedAt: "2026-12-01T13:30:00.000Z" }),
      doc({ number: "CONT11", issuedAt: "2026-12-01T14:30:00.000Z" }),
      doc({ number: "SETP990000001", contingency: false, outageEndedAt: null, deadlineAt: null }),
      doc({ number: "CONT1", terminalId: "t2", terminalName: "Caja 2" }),
      doc({ number: "CONT12", outageEndedAt: "2026-12-02T09:00:00.000Z", deadlineAt: "2026-12-04T09:00:00.000Z" }),
    ]);
    expect(episodes.map((e) => [e.terminalName, e.firstNumber, e.lastNumber, e.count])).toEqual([
      ["Caja 1", "CONT12", "CONT12", 1],
      ["Caja 1", "CONT9", "CONT11", 3],
      ["Caja 2", "CONT1", "CONT1", 1],
    ]);
    expect(episodes[1]?.startedAt).toBe("2026-12-01T13:30:00.000Z");
    expect(episodes[1]?.numbers).toEqual(["CONT9", "CONT10", "CONT11"]);
  });

  it("gives the notices' dates, till and numbers", () => {
    const [episode] = contingencyEpisodes([doc({ number: "CONT3" }), doc({ number: "CONT4" })]);
    const params = contingencyNoticeParams(episode!, { name: "Tienda", nit: "900123456-8" }, (iso) => `<${iso}>`);
    expect(params).toMatchObject({
      company: "Tienda",
      nit: "900123456-8",
      till: "Caja 1",
      start: "<2026-12-01T13:00:00.000Z>",
      end: "<2026-12-01T15:00:00.000Z>",
      deadline: "<2026-12-03T15:00:00.000Z>",
      range: "CONT3 – CONT4",
      count: "2",
    });
  });
});
