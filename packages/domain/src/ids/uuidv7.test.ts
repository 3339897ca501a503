import { describe, expect, it } from "vitest";
import { isUuidV7, uuidv7, uuidv7Timestamp } from "./uuidv7";

describe("uuidv7", () => {
  it("is a version 7, variant 10 UUID carrying its timestamp", () => {
    const id = uuidv7(1_764_000_000_000);
    expect(isUuidV7(id)).toBe(true);
    expect(uuidv7Timestamp(id)).toBe(1_764_000_000_000);
  });

  it("is unique and sorts in creation order, also within one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7(1_764_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
