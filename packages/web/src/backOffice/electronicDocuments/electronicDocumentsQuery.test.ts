import { describe, expect, it } from "vitest";
import { deadlineView, electronicDocumentsPath, noElectronicDocumentFilters } from "./electronicDocumentsQuery";

describe("the electronic documents list's query", () => {
  it("puts the chosen filters in the URL", () => {
    expect(electronicDocumentsPath(noElectronicDocumentFilters, { limit: 50, offset: 0 })).toEqual({
      path: "/api/electronic-documents?limit=50&offset=0",
    });
    expect(
      electronicDocumentsPath(
        { state: "generated", contingency: "true", deadline: "overdue", from: "2026-12-01", to: "2026-12-02" },
        { limit: 50, offset: 100 },
      ),
    ).toEqual({
      path: "/api/electronic-documents?state=generated&contingency=true&deadline=overdue&from=2026-12-01&to=2026-12-02&limit=50&offset=100",
    });
  });

  it("refuses a range that ends before it starts", () => {
    expect(
      electronicDocumentsPath(
        { ...noElectronicDocumentFilters, from: "2026-12-02", to: "2026-12-01" },
        {
          limit: 50,
          offset: 0,
        },
      ),
    ).toEqual({ problem: "dates" });
  });
});

describe("a contingency document's deadline as shown", () => {
  const deadlineAt = "2026-12-03T15:00:00.000Z";
  const base = { contingency: true, deadlineAt, state: "generated" as const, updatedAt: "2026-12-01T15:00:00.000Z" };

  it("hours left, amber within 24 h, red once overdue", () => {
    expect(deadlineView(base, new Date("2026-12-02T10:00:00.000Z"))).toEqual({ status: "on_time", hours: 29 });
    expect(deadlineView(base, new Date("2026-12-03T10:00:00.000Z"))).toEqual({ status: "due_soon", hours: 5 });
    expect(deadlineView(base, new Date("2026-12-03T18:30:00.000Z"))).toEqual({ status: "overdue", hours: 4 });
  });

  it("done when sent before the deadline; none for documents outside contingency", () => {
    const sent = { ...base, state: "sent" as const, updatedAt: "2026-12-02T10:00:00.000Z" };
    expect(deadlineView(sent, new Date("2026-12-05T00:00:00.000Z"))).toEqual({ status: "done" });
    expect(deadlineView({ ...base, contingency: false }, new Date())).toBeNull();
  });
});
