import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adaptiveBlockSize,
  leaseLimit,
  type NumberingState,
  numberingWarnings,
  planLeaseSize,
  planNumberBlock,
  releasableFrom,
  unusedInBlock,
} from "./numberBlockRules";

const numberingArb = fc
  .record({ rangeFrom: fc.integer({ min: 1, max: 1000 }), span: fc.integer({ min: 0, max: 5000 }), used: fc.nat(6000) })
  .map(
    ({ rangeFrom, span, used }): NumberingState => ({
      rangeFrom,
      rangeTo: rangeFrom + span,
      nextNumber: Math.min(rangeFrom + used, rangeFrom + span + 1),
      validFrom: "2025-01-01",
      validUntil: "2027-12-31",
    }),
  );

describe("planNumberBlock", () => {
  it("successive leases never overlap, never pass the range end, and use the range up exactly", () => {
    fc.assert(
      fc.property(
        numberingArb,
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
        (n, sizes) => {
          let state = n;
          const handed: number[] = [];
          for (const size of sizes) {
            const plan = planNumberBlock(state, size, "2026-06-01");
            if (!plan.ok) {
              expect(plan.reason).toBe("RANGE_EXHAUSTED");
              expect(state.nextNumber).toBe(state.rangeTo + 1);
              continue;
            }
            expect(plan.from).toBe(state.nextNumber);
            expect(plan.to).toBeLessThanOrEqual(state.rangeTo);
            expect(plan.to - plan.from + 1).toBe(Math.min(size, state.rangeTo - state.nextNumber + 1));
            for (let x = plan.from; x <= plan.to; x++) handed.push(x);
            state = { ...state, nextNumber: plan.nextNumber };
          }
          expect(new Set(handed).size).toBe(handed.length);
          expect(handed.every((x) => x >= n.nextNumber && x <= n.rangeTo)).toBe(true);
        },
      ),
    );
  });

  it("leases nothing outside the validity dates", () => {
    fc.assert(
      fc.property(numberingArb, fc.integer({ min: 1, max: 100 }), (n, size) => {
        expect(planNumberBlock(n, size, "2028-01-01")).toEqual({ ok: false, reason: "EXPIRED" });
        expect(planNumberBlock(n, size, "2024-12-31")).toEqual({ ok: false, reason: "NOT_YET_VALID" });
      }),
    );
  });
});

describe("lease cap", () => {
  it("no sequence of leases (any sizes, with sales in between) takes a device over its limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.option(fc.integer({ min: 1, max: 20_000 })),
        fc.array(fc.record({ requested: fc.option(fc.integer({ min: 1, max: 5000 })), sold: fc.nat(300) }), {
          maxLength: 40,
        }),
        (blockSize, cap, steps) => {
          const limit = leaseLimit(blockSize, cap);
          expect(limit).toBe(cap ?? 2 * blockSize);
          let held = 0;
          for (const step of steps) {
            held = Math.max(0, held - step.sold);
            const plan = planLeaseSize({ held, limit, defaultSize: blockSize, requested: step.requested ?? undefined });
            if (plan.ok) {
              expect(plan.size).toBeGreaterThanOrEqual(1);
              if (step.requested !== null) expect(plan.size).toBe(step.requested);
              held += plan.size;
            } else {
              expect(plan).toMatchObject({ reason: "LEASE_LIMIT_REACHED", held, limit });
              // Refused only when there is no room left, or an explicit size does not fit in it.
              expect(held >= limit || (step.requested ?? 0) > limit - held).toBe(true);
            }
            expect(held).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });

  it("a device running low always gets a block of the default size while under its limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(10_000), (blockSize, heldRaw) => {
        const limit = leaseLimit(blockSize, null);
        const held = heldRaw % limit;
        const plan = planLeaseSize({ held, limit, defaultSize: blockSize });
        expect(plan).toEqual({ ok: true, size: Math.min(blockSize, limit - held) });
      }),
    );
  });

  it("a hostile device asking for 5,000 numbers is refused once, with the numbers it holds and its limit", () => {
    expect(planLeaseSize({ held: 0, limit: 200, defaultSize: 100, requested: 5000 })).toEqual({
      ok: false,
      reason: "LEASE_LIMIT_REACHED",
      held: 0,
      limit: 200,
      allowance: 200,
    });
    expect(planLeaseSize({ held: 200, limit: 200, defaultSize: 100 })).toMatchObject({ ok: false, allowance: 0 });
    expect(planLeaseSize({ held: 150, limit: 200, defaultSize: 100 })).toEqual({ ok: true, size: 50 });
  });

  it("counts as unused only what a release would give back; a released block holds nothing", () => {
    expect(unusedInBlock({ rangeFrom: 1, rangeTo: 100, releasedFrom: null }, null)).toBe(100);
    expect(unusedInBlock({ rangeFrom: 1, rangeTo: 100, releasedFrom: null }, 40)).toBe(60);
    expect(unusedInBlock({ rangeFrom: 1, rangeTo: 100, releasedFrom: null }, 100)).toBe(0);
    expect(unusedInBlock({ rangeFrom: 1, rangeTo: 100, releasedFrom: 41 }, 40)).toBe(0);
  });
});

describe("releasableFrom", () => {
  it("gives back exactly the numbers after the last one used", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(500), fc.option(fc.nat(600)), (from, span, used) => {
        const block = { rangeFrom: from, rangeTo: from + span };
        const lastUsed = used === null ? null : from + used - 1;
        const r = releasableFrom(block, lastUsed);
        if (r === null) expect(lastUsed).toBeGreaterThanOrEqual(block.rangeTo);
        else {
          expect(r).toBeGreaterThanOrEqual(block.rangeFrom);
          expect(r).toBeLessThanOrEqual(block.rangeTo);
          if (lastUsed !== null) expect(r).toBeGreaterThan(lastUsed);
        }
      }),
    );
  });
});

describe("warnings", () => {
  it("warns under 10 % left and within 30 days of expiry", () => {
    const n = { rangeFrom: 1, rangeTo: 100, nextNumber: 92, validFrom: "2025-01-01", validUntil: "2026-12-15" };
    expect(numberingWarnings(n, "2026-11-28")).toMatchObject({
      rangeNearlyUsed: true,
      expiresSoon: true,
      expired: false,
    });
    expect(numberingWarnings({ ...n, nextNumber: 50 }, "2026-01-01")).toMatchObject({
      rangeNearlyUsed: false,
      expiresSoon: false,
    });
    expect(numberingWarnings(n, "2026-12-16").expired).toBe(true);
  });
  it("sizes blocks from the busiest day with a margin", () => {
    expect(adaptiveBlockSize(0)).toBe(100);
    expect(adaptiveBlockSize(400)).toBe(600);
    expect(adaptiveBlockSize(10_000)).toBe(5000);
  });
});
