import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { formatReceiptDateTime } from "../../receipt/invoiceNumber";
import { useAppServices } from "../../services/appServices";
import { CopyableText } from "./CopyableText";
import { type ContingencyEpisode, contingencyEpisodes, contingencyNoticeParams } from "./contingencyEpisodes";
import { noticeCompanySchema, screenListSchema } from "./electronicDocumentsSchemas";

/** The last contingency documents the notices are made from (the newest outages). */
const NOTICE_DOCUMENTS = "/api/electronic-documents?contingency=true&limit=500&offset=0";

/**
 * The notices the company sends the DIAN at the start and at the end of a contingency: one pair per
 * till and outage, with the dates, the till and the contingency numbers, to copy or download.
 */
export function ContingencyNotices({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [episodes, setEpisodes] = useState<ContingencyEpisode[] | null>(null);
  const [company, setCompany] = useState<{ name: string; nit: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([
      transport.send(screenListSchema, "electronic documents", "GET", NOTICE_DOCUMENTS, { token: userToken }),
      transport.send(noticeCompanySchema, "company", "GET", "/api/company", { token: userToken }),
    ])
      .then(([list, theCompany]) => {
        if (!live) return;
        setEpisodes(contingencyEpisodes(list.items));
        setCompany(theCompany);
      })
      .catch((error: unknown) => {
        if (live) setProblem(t("edoc.failed", { message: error instanceof Error ? error.message : String(error) }));
      });
    return () => {
      live = false;
    };
  }, [transport, userToken, t]);

  return (
    <section className="edoc-notices" aria-labelledby="edoc-notices-title">
      <h2 id="edoc-notices-title">{t("edoc.notices.title")}</h2>
      <p className="muted">{t("edoc.notices.hint")}</p>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {episodes && episodes.length === 0 && <p className="muted">{t("edoc.notices.none")}</p>}
      {episodes &&
        company &&
        episodes.map((episode, i) => {
          // Dates as the receipts print them: four-digit year, the shop's zone.
          const params = contingencyNoticeParams(episode, company, (iso) => formatReceiptDateTime(iso, timeZone));
          const key = `${episode.terminalId ?? ""}-${episode.outageEndedAt}`;
          const fileDay = episode.outageEndedAt.slice(0, 10);
          return (
            <details key={key} className="edoc-notices__episode" open={i === 0}>
              <summary>{t("edoc.notices.episode", params)}</summary>
              <h3>{t("edoc.notices.start")}</h3>
              <CopyableText
                id={`edoc-notice-start-${i}`}
                label={t("edoc.notices.start")}
                text={t("edoc.notices.startText", params)}
                fileName={`aviso-inicio-contingencia-${fileDay}-${i + 1}.txt`}
              />
              <h3>{t("edoc.notices.end")}</h3>
              <CopyableText
                id={`edoc-notice-end-${i}`}
                label={t("edoc.notices.end")}
                text={t("edoc.notices.endText", params)}
                fileName={`aviso-fin-contingencia-${fileDay}-${i + 1}.txt`}
              />
            </details>
          );
        })}
    </section>
  );
}
