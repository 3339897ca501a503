import type { Numbering, NumberingReport, NumberingReportBlock, NumberRange } from "@mostrador/domain";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import "../admin/admin.css";

const ranges = (list: readonly NumberRange[]) =>
  list.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(", ");

/**
 * One numbering's usage report: used / voided / unused / released / not leased, per block and till,
 * and the button that releases a till's unused numbers (the aside of /admin/numeraciones/:id).
 */
export function NumberingCard({
  numbering,
  userToken,
  timeZone,
}: {
  numbering: Numbering;
  userToken: string;
  timeZone: string;
}) {
  const { transport, syncEngine } = useAppServices();
  const { t, number, dateTime } = useI18n();
  const [report, setReport] = useState<NumberingReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const failed = useCallback(
    (error: unknown) =>
      setNotice({
        tone: "error",
        text: t("numbering.admin.failed", { message: error instanceof Error ? error.message : String(error) }),
      }),
    [t],
  );
  const load = useCallback(async () => {
    try {
      setReport(await transport.numberingReport(userToken, numbering.id));
    } catch (error) {
      failed(error);
    }
  }, [transport, userToken, numbering.id, failed]);

  useEffect(() => {
    void load();
  }, [load]);

  async function release(terminalId: string, terminal: string) {
    if (!globalThis.confirm(t("numbering.admin.confirmRelease", { terminal }))) return;
    setBusy(true);
    try {
      const result = await transport.releaseTerminalNumbers(userToken, terminalId);
      setNotice({ tone: "info", text: t("numbering.admin.releasedResult", { count: result.released, terminal }) });
      syncEngine.requestSync("numbers-released"); // this device learns of a release of its own blocks
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const totals = report?.totals;
  const terminals = report ? releasableTerminals(report.blocks) : [];
  const title = `${numbering.name} · ${t("numbering.admin.range", { prefix: numbering.prefix, from: number(numbering.rangeFrom), to: number(numbering.rangeTo) })}`;
  return (
    <article className="numbering-card" aria-label={numbering.name} data-testid={`numbering-${numbering.id}`}>
      <h2>{title}</h2>
      <p className="muted">
        {t("numbering.admin.validity", { from: numbering.validFrom, until: numbering.validUntil })}
        {numbering.electronic ? ` · ${t("numbering.admin.electronic")}` : ""}
      </p>
      {notice && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {!report && !notice && <p className="muted">{t("numbering.admin.loading")}</p>}
      {totals && (
        <dl className="numbering-card__totals">
          {(
            [
              ["used", totals.used],
              ["voided", totals.voided],
              ["unused", totals.unused],
              ["released", totals.released],
              ["notLeased", totals.notLeased],
              ["total", totals.total],
            ] as const
          ).map(([key, value]) => (
            <div key={key} data-testid={`numbering-total-${key}`}>
              <dt>{t(`numbering.admin.${key}`)}</dt>
              <dd>{number(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {report && report.usedOutsideBlocks.length > 0 && (
        <p className="muted">{t("numbering.admin.usedOutside", { ranges: ranges(report.usedOutsideBlocks) })}</p>
      )}
      {report && !numbering.electronic && (
        <>
          <h3>{t("numbering.admin.blocks")}</h3>
          {report.blocks.length === 0 ? (
            <p className="muted">{t("numbering.admin.noBlocks")}</p>
          ) : (
            <table className="admin-table">
              <thead>
                <tr>
                  <th>{t("numbering.admin.terminal")}</th>
                  <th>{t("numbering.admin.block")}</th>
                  <th>{t("numbering.admin.leasedAt")}</th>
                  <th className="numeric">{t("numbering.admin.used")}</th>
                  <th className="numeric">{t("numbering.admin.voided")}</th>
                  <th className="numeric">{t("numbering.admin.unused")}</th>
                  <th className="numeric">{t("numbering.admin.released")}</th>
                </tr>
              </thead>
              <tbody>
                {report.blocks.map((b) => (
                  <tr key={b.id}>
                    <td>
                      {b.terminalName ?? t("numbering.admin.unknownTerminal")}
                      <div className="muted" title={t("numbering.admin.device")}>
                        {b.deviceId.slice(0, 8)}
                      </div>
                    </td>
                    <td>{`${b.rangeFrom}–${b.rangeTo}`}</td>
                    <td>{dateTime(b.leasedAt, timeZone)}</td>
                    <RangeCell count={b.counts.used} list={b.used} />
                    <RangeCell count={b.counts.voided} list={b.voided} />
                    <RangeCell count={b.counts.unused} list={b.unused} />
                    <RangeCell count={b.counts.released} list={b.released} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="admin-form">
            {terminals.map(({ id, name }) => (
              <button
                key={id}
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() => void release(id, name)}
              >
                {t("numbering.admin.release", { terminal: name })}
              </button>
            ))}
            <button type="button" className="button" onClick={() => void load()} disabled={busy}>
              {t("numbering.admin.reload")}
            </button>
          </div>
        </>
      )}
    </article>
  );
}

function RangeCell({ count, list }: { count: number; list: readonly NumberRange[] }) {
  return (
    <td className="numeric" title={ranges(list)}>
      {count}
    </td>
  );
}

/** Terminals with unused numbers in some block: the ones a release would give something back for. */
export function releasableTerminals(blocks: readonly NumberingReportBlock[]): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const b of blocks) {
    if (b.terminalId && b.counts.unused > 0 && !out.has(b.terminalId))
      out.set(b.terminalId, b.terminalName ?? b.terminalId);
  }
  return [...out].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "es"));
}
