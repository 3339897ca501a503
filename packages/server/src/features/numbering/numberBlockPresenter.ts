type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

export function presentNumberBlock(r: Row) {
  return {
    id: String(r.id),
    numberingId: String(r.numbering_id),
    deviceId: String(r.device_id),
    rangeFrom: Number(r.range_from),
    rangeTo: Number(r.range_to),
    releasedFrom: r.released_from == null ? null : Number(r.released_from),
    leasedAt: iso(r.leased_at),
    releasedAt: iso(r.released_at),
    version: Number(r.version),
  };
}
