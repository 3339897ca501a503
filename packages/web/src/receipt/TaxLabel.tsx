import type { TaxKind } from "@mostrador/domain";

const rateFormat = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 2 });

/** "IVA 19%", "INC 8%", "Exento": the rate written as on a Colombian receipt. */
export function taxLabel(kind: TaxKind, name: string, rateBp: number): string {
  if (kind === "EXENTO") return name || "Exento";
  const rate = rateFormat.format(rateBp / 100);
  return `${kind} ${rate}%`;
}

export function TaxLabel({ kind, name, rateBp }: { kind: TaxKind; name: string; rateBp: number }) {
  return <>{taxLabel(kind, name, rateBp)}</>;
}
