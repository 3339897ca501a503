import type { SoldElsewhere } from "@mostrador/domain";

/**
 * soldElsewhereMemo: what other devices sold in a terminal's open shift, kept per (shift, asking
 * device) under the fingerprint of those sales, so a pull does not read and sum every document of a
 * long shift again while nothing in it changed (two tills sharing a drawer: 500 sales elsewhere made
 * each idle pull 5.7 ms at p50; docs/benchmarks.md, "Session 24").
 *
 * The fingerprint (terminalShiftReader's salesFingerprintSql) is the number of those invoices, the sum
 * of their versions and the sum of their ids' hashes. Each one enters the set once (accepted, or voided
 * after that, is final; its shift and device never change) and every change to a stored invoice gives
 * it a new, higher version from its device's counter (voids, returns, the electronic document's state):
 * any change to the set or to a member changes the fingerprint, and no fingerprint comes back. A stale
 * entry is therefore never served, only replaced. The ids keep that true when the counters do go back
 * (a database restored or failed over while this process runs: another sale then takes a lost sale's
 * version; found by a review).
 */
export class SoldElsewhereMemo {
  private readonly entries = new Map<string, { fingerprint: string; value: SoldElsewhere }>();

  constructor(private readonly capacity = 2000) {}

  /** The sums remembered for this fingerprint, or undefined (never seen, or changed since). */
  get(key: string, fingerprint: string): SoldElsewhere | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.fingerprint !== fingerprint) return undefined;
    // Map keeps insertion order: re-inserting marks it as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, fingerprint: string, value: SoldElsewhere): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
