import type { NumberBlock } from "@mostrador/domain";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown) => (v == null ? null : iso(v));

export function presentNumberBlock(r: Row): NumberBlock {
  return {
    id: String(r.id),
    numberingId: String(r.numbering_id),
    deviceId: String(r.device_id),
    rangeFrom: Number(r.range_from),
    rangeTo: Number(r.range_to),
    releasedFrom: r.released_from == null ? null : Number(r.released_from),
    leasedAt: iso(r.leased_at),
    releasedAt: isoOrNull(r.released_at),
    version: Number(r.version),
  };
}
