import type { SoldElsewhere } from "@mostrador/domain";
import { soldElsewhereOf } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { SoldElsewhereMemo, salesFingerprint } from "./soldElsewhereMemo";

const sums = (salesCount: number): SoldElsewhere => ({ ...soldElsewhereOf([]), salesCount });

describe("soldElsewhereMemo", () => {
  it("answers only for the fingerprint it was given", () => {
    const memo = new SoldElsewhereMemo();
    memo.set("shift:device", "2:7", sums(2));
    expect(memo.get("shift:device", "2:7")).toEqual(sums(2));
    expect(memo.get("shift:device", "3:12")).toBeUndefined();
    expect(memo.get("shift:other-device", "2:7")).toBeUndefined();
    memo.set("shift:device", "3:12", sums(3));
    expect(memo.get("shift:device", "2:7")).toBeUndefined();
    expect(memo.get("shift:device", "3:12")).toEqual(sums(3));
  });

  it("keeps at most its capacity, forgetting the least recently used first", () => {
    const memo = new SoldElsewhereMemo(2);
    memo.set("a", "1:1", sums(1));
    memo.set("b", "1:2", sums(1));
    memo.get("a", "1:1"); // a is now the most recently used
    memo.set("c", "1:3", sums(1));
    expect(memo.size).toBe(2);
    expect(memo.get("b", "1:2")).toBeUndefined();
    expect(memo.get("a", "1:1")).toEqual(sums(1));
    expect(memo.get("c", "1:3")).toEqual(sums(1));
  });

  it("fingerprints a set by its size, the sum of its versions and the sum of its ids' tails, as the probe's SQL does", () => {
    const id = (tail: string) => `019a0000-0000-7000-8000-${tail.padStart(12, "0")}`;
    expect(salesFingerprint([])).toBe("0:0:0");
    expect(
      salesFingerprint([
        { id: id("1"), version: 3 },
        { id: id("a"), version: "5" },
        { id: id("ff"), version: 9n },
      ]),
    ).toBe("3:17:266");
    // A void gives an invoice a higher version: same size, another fingerprint.
    const sale = (tail: string, version: number) => ({ id: id(tail), version });
    expect(salesFingerprint([sale("1", 3), sale("2", 10)])).not.toBe(salesFingerprint([sale("1", 3), sale("2", 9)]));
    // Another invoice with a lost one's version (the counters went back with the database): another fingerprint.
    expect(salesFingerprint([sale("1", 3), sale("3", 9)])).not.toBe(salesFingerprint([sale("1", 3), sale("2", 9)]));
    // Beyond 2^53 the sums stay exact (PostgreSQL's sum of bigint is numeric).
    expect(salesFingerprint([sale("ffffffffffff", 1), { id: id("ffffffffffff"), version: "9007199254740993" }])).toBe(
      "2:9007199254740994:562949953421310",
    );
  });
});
