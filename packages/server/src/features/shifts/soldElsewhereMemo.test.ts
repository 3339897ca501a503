import type { SoldElsewhere } from "@mostrador/domain";
import { soldElsewhereOf } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { SoldElsewhereMemo } from "./soldElsewhereMemo";

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
});
