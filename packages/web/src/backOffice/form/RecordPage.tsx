import type { FormEvent, ReactNode } from "react";
import { useBeforeUnloadGuard } from "../../durability/useBeforeUnloadGuard";
import { type MessageKey, useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { AuditHistory } from "../history/AuditHistory";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import type { SaveFailure } from "../shared/formErrors";
import { problemText } from "./fields";
import type { EditableRow, RecordEditor } from "./useRecordEditor";

/**
 * The frame of every record form: title, back to the list, the fields (children), "Guardar",
 * Activar/Desactivar, what went wrong in words, the 409 CONFLICT dialog and "Historial de cambios".
 */
export function RecordPage<Row extends EditableRow, Values extends Record<string, unknown>>({
  editor,
  basePath,
  listLabelKey,
  newTitleKey,
  title,
  auditEntity,
  conflictTitleKey = "bo.conflict.title",
  children,
  aside,
  canDeactivate = true,
}: {
  editor: RecordEditor<Row, Values>;
  basePath: string;
  listLabelKey: MessageKey;
  newTitleKey: MessageKey;
  /** The record's name as loaded. */
  title: string;
  /** The contract's audit `entity` (the API path: "products"). */
  auditEntity: string;
  conflictTitleKey?: MessageKey;
  children: ReactNode;
  aside?: ReactNode;
  canDeactivate?: boolean;
}) {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  useBeforeUnloadGuard(editor.dirty ? 1 : 0, t("bo.form.unsaved"));

  function submit(event: FormEvent) {
    event.preventDefault();
    void editor.save();
  }

  const back = (
    <button type="button" className="link-button" onClick={() => goTo(basePath)}>
      ← {t(listLabelKey)}
    </button>
  );
  if (editor.status === "loading")
    return (
      <section className="bo-page">
        {back}
        <p className="muted">{t("bo.shell.loading")}</p>
      </section>
    );
  if (editor.status === "notFound" || editor.status === "loadFailed")
    return (
      <section className="bo-page">
        {back}
        <p className="message message--error" role="alert">
          {editor.status === "notFound"
            ? t("bo.form.notFound")
            : api.unreachable
              ? t("bo.list.unreachable")
              : t("bo.form.loadFailed")}{" "}
          {editor.status === "loadFailed" && (
            <button type="button" className="link-button" onClick={editor.retryLoad}>
              {t("bo.retry")}
            </button>
          )}
        </p>
      </section>
    );

  const row = editor.row;
  const formProblem = editor.problems[""];
  return (
    <section className="bo-page" aria-labelledby="bo-record-title">
      {back}
      <div className="bo-page__head">
        <h1 id="bo-record-title">{row ? title : t(newTitleKey)}</h1>
        {row && row.active === false && <span className="bo-badge">{t("bo.list.inactive")}</span>}
      </div>
      <div className="bo-record">
        <form className="bo-form card" onSubmit={submit} noValidate>
          {children}
          {formProblem && (
            <p className="message message--error" role="alert">
              {problemText(t, formProblem)}
            </p>
          )}
          {editor.failure && <FailureMessage failure={editor.failure} />}
          <div className="bo-form__actions">
            <button type="submit" className="button button--primary" disabled={editor.status === "saving"}>
              {editor.status === "saving" ? t("bo.form.saving") : t("bo.form.save")}
            </button>
            {row && canDeactivate && row.active !== undefined && (
              <button
                type="button"
                className={row.active ? "button button--danger" : "button"}
                disabled={editor.status === "saving"}
                onClick={() => void editor.setActive(!row.active)}
              >
                {row.active ? t("bo.form.deactivate") : t("bo.form.activate")}
              </button>
            )}
            {editor.savedAt && (
              <span className="bo-saved" role="status">
                {t("bo.form.saved")}
              </span>
            )}
          </div>
        </form>
        {aside}
      </div>
      {row && <AuditHistory entity={auditEntity} recordId={row.id} version={row.version} />}
      {editor.conflict && (
        <div className="dialog-backdrop">
          <div className="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="bo-conflict-title">
            <h2 id="bo-conflict-title">{t(conflictTitleKey)}</h2>
            <p>{t("bo.conflict.hint")}</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={editor.reloadFromConflict}>
                {t("bo.conflict.reload")}
              </button>
              <button type="button" className="button button--danger" onClick={() => void editor.overwrite()}>
                {t("bo.conflict.overwrite")}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function FailureMessage({ failure }: { failure: SaveFailure }) {
  const { t } = useI18n();
  const text = (() => {
    switch (failure.kind) {
      case "fields":
        return t("bo.form.fixFields");
      case "unreachable":
        return t("bo.form.unreachable");
      case "session":
        return t("bo.form.sessionEnded");
      case "forbidden":
        return t("bo.form.forbidden");
      case "inUse":
        return t("bo.form.inUse");
      case "selfChange":
        return t("bo.form.selfChange");
      case "notFound":
        return t("bo.form.notFound");
      case "conflict":
        return null;
      case "other":
        return t("bo.form.failed", { message: failure.message });
    }
  })();
  if (!text) return null;
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}
