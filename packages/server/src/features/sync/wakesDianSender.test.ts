import { describe, expect, it } from "vitest";
import { wakesDianSender } from "./syncRoutes";

const accepted = [{ outcome: "accepted" }];
const none = new Set<string>();

describe("wakesDianSender", () => {
  it("a plain ticket's push does not wake the sender: it generated no electronic document", () => {
    expect(wakesDianSender(none, {}, accepted)).toBe(false);
    expect(wakesDianSender(none, { creditNotes: [], voids: [] }, accepted)).toBe(false);
  });

  it("a DEE POS or contingency invoice, a credit note or a void in an accepting push wakes it", () => {
    expect(wakesDianSender(new Set(["inv-1"]), {}, accepted)).toBe(true);
    expect(wakesDianSender(none, { creditNotes: [{}] }, accepted)).toBe(true);
    expect(wakesDianSender(none, { voids: [{}] }, accepted)).toBe(true);
  });

  it("a push that accepted no invoice does not wake it, as before", () => {
    expect(wakesDianSender(new Set(["inv-1"]), { creditNotes: [{}] }, [{ outcome: "rejected" }])).toBe(false);
    expect(wakesDianSender(new Set(["inv-1"]), {}, [])).toBe(false);
  });
});
