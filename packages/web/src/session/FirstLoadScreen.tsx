import type { SyncedEntity } from "@mostrador/domain";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageKey } from "../i18n/i18n";
import { useI18n } from "../i18n/i18n";
import { markEnd, markStart } from "../perf/performanceMarks";
import { useAppServices } from "../services/appServices";
import { useConnectivity } from "../services/useConnectivity";
import type { DeviceIdentity } from "../storage/localRecords";
import type { PullProgress } from "../sync/syncEngine";
import { loadTerminalData } from "./sessionActions";

/** The entities worth a line on the progress screen, biggest first. */
const shownEntities: SyncedEntity[] = ["products", "clients", "invoices"];

export function FirstLoadScreen({ device, terminalName }: { device: DeviceIdentity; terminalName: string }) {
  const services = useAppServices();
  const connectivity = useConnectivity();
  const { t, number } = useI18n();
  const [progress, setProgress] = useState<PullProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setError(null);
    markStart("mostrador:first-load");
    loadTerminalData(services, device, setProgress)
      .then(() => markEnd("mostrador:first-load"))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        running.current = false;
      });
  }, [services, device]);

  useEffect(() => {
    if (connectivity === "online") start();
  }, [connectivity, start]);

  const loaded = sum(progress?.loadedByEntity);
  const total = Math.max(sum(progress?.totalByEntity), loaded);
  const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;

  return (
    <main className="centered-page">
      <section className="card first-load-card" aria-labelledby="first-load-title">
        <h1 id="first-load-title">{t("firstLoad.title", { terminal: terminalName })}</h1>
        <progress
          className="progress"
          max={100}
          value={progress?.done ? 100 : percent}
          aria-label={t("firstLoad.title", { terminal: terminalName })}
        />
        <ul className="first-load-lines">
          {shownEntities.map((entity) => {
            const done = progress?.loadedByEntity[entity] ?? 0;
            const expected = Math.max(progress?.totalByEntity[entity] ?? 0, done);
            if (entity !== "products" && expected === 0) return null;
            const name = t(`entity.${entity}` as MessageKey);
            return (
              <li key={entity}>
                {expected > 0
                  ? t("firstLoad.entity", { entity: name, loaded: number(done), total: number(expected) })
                  : t("firstLoad.entityNoTotal", { entity: name, loaded: number(done) })}
              </li>
            );
          })}
        </ul>
        {connectivity === "offline" && <p className="message message--warning">{t("firstLoad.offline")}</p>}
        {error && (
          <div className="message message--error" role="alert">
            <p>{t("firstLoad.failed", { message: error })}</p>
            <button type="button" className="button" onClick={start}>
              {t("firstLoad.retry")}
            </button>
          </div>
        )}
      </section>
    </main>
  );
}

function sum(counts: Partial<Record<SyncedEntity, number>> | undefined): number {
  return Object.values(counts ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
}
