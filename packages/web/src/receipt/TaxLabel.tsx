import type { TaxKind } from "@mostrador/domain";

/** "IVA 19%", "INC 8%", "Exento": the rate written as on a Colombian receipt. */
export function taxLabel(kind: TaxKind, name: string, rateBp: number): string {
  if (kind === "EXENTO") return name || "Exento";
  const rate = (rateBp / 100).toLocaleString("es-CO", { maximumFractionDigits: 2 });
  return `${kind} ${rate}%`;
}

export function TaxLabel({ kind, name, rateBp }: { kind: TaxKind; name: string; rateBp: number }) {
  return <>{taxLabel(kind, name, rateBp)}</>;
}
