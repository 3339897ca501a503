import { useState } from "react";
import { useI18n } from "../../i18n/i18n";

/** A block of text to hand over: shown as is, with "Copiar" (clipboard) and "Descargar" (a .txt or .xml file). */
export function CopyableText(props: { id: string; label: string; text: string; fileName: string; mime?: string }) {
  const { t } = useI18n();
  const [said, setSaid] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      setSaid(t("edoc.copied"));
    } catch {
      setSaid(t("edoc.copyFailed"));
    }
  }
  function download() {
    const url = URL.createObjectURL(new Blob([props.text], { type: props.mime ?? "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = props.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <div className="edoc-copyable">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable block must be reachable by keyboard (axe scrollable-region-focusable) */}
      <section className="edoc-copyable__scroll" tabIndex={0} aria-label={props.label}>
        <pre id={props.id} className="edoc-copyable__text">
          {props.text}
        </pre>
      </section>
      <div className="edoc-copyable__actions">
        <button type="button" className="button" onClick={() => void copy()} aria-describedby={props.id}>
          {t("edoc.copy")}
        </button>
        <button type="button" className="button" onClick={download} aria-describedby={props.id}>
          {t("edoc.download")}
        </button>
        {said && <span role="status">{said}</span>}
      </div>
    </div>
  );
}
