import { useEffect, useState } from "react";
import type { z } from "zod";
import { useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";

/** One report answer, fetched again when its path changes; null path: nothing to ask yet. */
export function useReport<S extends z.ZodType>(schema: S, userToken: string, path: string | null) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [data, setData] = useState<z.output<S> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    setProblem(null);
    transport
      .send(schema, "reports", "GET", path, { token: userToken, timeoutMs: 60_000 })
      .then((answer) => {
        if (live) setData(answer);
      })
      .catch((error: unknown) => {
        if (live) setProblem(t("reports.failed", { message: error instanceof Error ? error.message : String(error) }));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [transport, schema, userToken, path, t]);
  return { data, problem, loading };
}
