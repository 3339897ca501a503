import { useCallback, useEffect, useState } from "react";
import { isTransportError } from "../../api/transportErrors";
import { useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";
import { CopyableText } from "./CopyableText";
import { DeadlineCell } from "./DeadlineCell";
import { resendAnswerSchema, type ScreenDetail, screenDetailSchema } from "./electronicDocumentsSchemas";

/** One electronic document: its facts, the DIAN's answer, the XML, and "Reenviar". */
export function ElectronicDocumentDetail(props: {
  id: string;
  userToken: string;
  timeZone: string;
  onBack: () => void;
}) {
  const { transport } = useAppServices();
  const { t, dateTime, number } = useI18n();
  const { id, userToken, timeZone } = props;
  const [doc, setDoc] = useState<ScreenDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [resend, setResend] = useState<{ busy: boolean; message: string | null; error: boolean }>({
    busy: false,
    message: null,
    error: false,
  });
  const path = `/api/electronic-documents/${encodeURIComponent(id)}`;

  const load = useCallback(
    () =>
      transport
        .send(screenDetailSchema, "electronic document", "GET", path, { token: userToken })
        .then((answer) => {
          setDoc(answer);
          setProblem(null);
        })
        .catch((error: unknown) =>
          setProblem(t("edoc.failed", { message: error instanceof Error ? error.message : String(error) })),
        ),
    [transport, path, userToken, t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function resendNow() {
    setResend({ busy: true, message: null, error: false });
    try {
      await transport.send(resendAnswerSchema, "resend", "POST", `${path}/resend`, { token: userToken, body: {} });
      setResend({ busy: false, message: t("edoc.resent"), error: false });
      await load();
    } catch (error) {
      const unavailable = isTransportError(error) && (error.status === 404 || error.status === 405);
      const message = unavailable
        ? t("edoc.resendUnavailable")
        : t("edoc.resendFailed", { message: error instanceof Error ? error.message : String(error) });
      setResend({ busy: false, message, error: true });
    }
  }

  return (
    <section className="admin-page edoc-admin" aria-labelledby="edoc-detail-title">
      <button type="button" className="button" onClick={props.onBack}>
        {t("edoc.back")}
      </button>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {!doc && !problem && <p className="muted">{t("edoc.loading")}</p>}
      {doc && (
        <>
          <h1 id="edoc-detail-title">
            {t("edoc.detailTitle", { number: doc.number })}
            {doc.contingency && (
              <>
                {" "}
                <span className="bo-badge edoc-admin__contingency">{t("edoc.contingencyTag")}</span>
              </>
            )}
          </h1>
          <table className="admin-table edoc-detail__facts">
            <tbody>
              <tr>
                <th scope="row">{t("edoc.state")}</th>
                <td>
                  <span className={`edoc-state edoc-state--${doc.state}`}>{t(`edoc.state.${doc.state}`)}</span>
                  {doc.dianRuleCodes.length > 0 && (
                    <div>{t("edoc.ruleCodes", { codes: doc.dianRuleCodes.join(", ") })}</div>
                  )}
                </td>
              </tr>
              {doc.contingency && (
                <>
                  <tr>
                    <th scope="row">{t("edoc.outageEndedAt")}</th>
                    <td>{doc.outageEndedAt ? dateTime(doc.outageEndedAt, timeZone) : ""}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t("edoc.deadline")}</th>
                    <DeadlineCell doc={doc} timeZone={timeZone} now={new Date()} />
                  </tr>
                </>
              )}
              <tr>
                <th scope="row">{t("edoc.issuedAt")}</th>
                <td>
                  {doc.issuedAt ? dateTime(doc.issuedAt, timeZone) : ""} · {doc.terminalName ?? ""}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("edoc.environment")}</th>
                <td>{t(`edoc.environment.${doc.environment}`)}</td>
              </tr>
              <tr>
                <th scope="row">{t("edoc.createdAt")}</th>
                <td>{dateTime(doc.createdAt, timeZone)}</td>
              </tr>
              <tr>
                <th scope="row">{t("edoc.attempts")}</th>
                <td>{number(doc.attempts)}</td>
              </tr>
              <tr>
                <th scope="row">{t("edoc.cude")}</th>
                <td className="edoc-detail__cude">{doc.cude ?? ""}</td>
              </tr>
              {doc.problem && (
                <tr>
                  <th scope="row">{t("edoc.problem")}</th>
                  <td>{doc.problem}</td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="edoc-detail__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={resend.busy || doc.state === "accepted" || doc.state === "not_generated"}
              onClick={() => void resendNow()}
            >
              {resend.busy ? t("edoc.resending") : t("edoc.resend")}
            </button>
            {resend.message && (
              <span className={resend.error ? "message message--error" : "message message--info"} role="status">
                {resend.message}
              </span>
            )}
          </div>
          <h2>{t("edoc.dianAnswer")}</h2>
          {doc.dianAnswer ? (
            <div>
              <strong>{doc.dianAnswer.code}</strong>
              <ul>
                {doc.dianAnswer.messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : doc.dianResponse ? (
            <CopyableText
              id="edoc-dian-response"
              label={t("edoc.dianAnswer")}
              text={doc.dianResponse}
              fileName={`${doc.number}-respuesta-dian.xml`}
              mime="application/xml"
            />
          ) : (
            <p className="muted">{t("edoc.noDianAnswer")}</p>
          )}
          <h2>{t("edoc.xml")}</h2>
          {doc.xml ? (
            <CopyableText
              id="edoc-xml"
              label={t("edoc.xml")}
              text={doc.xml}
              fileName={`${doc.number}.xml`}
              mime="application/xml"
            />
          ) : (
            <p className="muted">{t("edoc.noXml")}</p>
          )}
          {doc.qrText && (
            <>
              <h2>{t("edoc.qrText")}</h2>
              <pre className="edoc-copyable__text">{doc.qrText}</pre>
            </>
          )}
        </>
      )}
    </section>
  );
}
