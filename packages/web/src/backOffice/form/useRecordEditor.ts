import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { z } from "zod";
import { goTo } from "../../navigation/appLocation";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { type FieldProblems, problemsOfIssues, type SaveFailure, saveFailureOf } from "../shared/formErrors";

export interface EditableRow {
  id: string;
  version: number;
  active?: boolean;
}

export interface RecordEditorConfig<Row extends EditableRow, Values> {
  /** API path: "products". */
  resource: string;
  /** This screen's URL: "/admin/productos". */
  basePath: string;
  /** The record's id from the URL, or "nuevo". */
  id: string;
  rowSchema: z.ZodType<Row>;
  /** The domain's schema the body must pass: the input schema to create, a patch schema to change. */
  schemaFor: (row: Row | null) => z.ZodType;
  empty: Values;
  toValues: (row: Row) => Values;
  /** The request body (before the schema's defaults) from what the form holds. */
  toInput: (values: Values, row: Row | null) => Record<string, unknown>;
  /** The body's field names: server problems for other paths show at the top of the form. */
  fields: readonly string[];
}

export type EditorStatus = "loading" | "ready" | "saving" | "loadFailed" | "notFound";

export const NEW_RECORD_ID = "nuevo";

/**
 * One record's form: load, edit, check with the domain's schema as the owner types, save
 * (POST or PATCH with `expectedVersion`), and every way a save can fail. What was typed is
 * never thrown away by a failure: the values stay until the owner saves or reloads.
 */
export function useRecordEditor<Row extends EditableRow, Values extends Record<string, unknown>>(
  config: RecordEditorConfig<Row, Values>,
) {
  const { resource, basePath, id, rowSchema, schemaFor, toValues, toInput, fields } = config;
  const api = useBackOfficeApi();
  const isNew = id === NEW_RECORD_ID;
  const [row, setRow] = useState<Row | null>(null);
  const [values, setValues] = useState<Values>(config.empty);
  const [status, setStatus] = useState<EditorStatus>(isNew ? "ready" : "loading");
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<FieldProblems>({});
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [conflict, setConflict] = useState<Row | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [loadCount, setLoadCount] = useState(0);
  /** `${id}#${loadCount}` of what is in the form: loaded, or just created here. */
  const loadedKey = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads when the record (or a retry) changes, not on each render
  useEffect(() => {
    if (isNew) {
      // Back to /nuevo from a record (history): an empty form, never the last record's.
      if (row) {
        loadedKey.current = null;
        setRow(null);
        setValues(config.empty);
      }
      return;
    }
    // Loaded already: a new sign-in (new token, new `send`) must not reload over what was typed.
    const key = `${id}#${loadCount}`;
    if (loadedKey.current === key) return;
    let current = true;
    setStatus("loading");
    setFailure(null);
    setConflict(null);
    setServerProblems({});
    setTouched(new Set());
    setAttempted(false);
    setSavedAt(null);
    api.send(rowSchema, resource, "GET", `/api/${resource}/${id}`).then(
      (loaded) => {
        if (!current) return;
        loadedKey.current = key;
        setRow(loaded);
        setValues(toValues(loaded));
        setDirty(false);
        setStatus("ready");
      },
      (e: unknown) => {
        if (!current) return;
        const f = saveFailureOf(e, fields);
        setStatus(f.kind === "notFound" ? "notFound" : "loadFailed");
        setFailure(f);
      },
    );
    return () => {
      current = false;
    };
  }, [api.send, resource, id, isNew, loadCount]);

  const clientProblems = useMemo(() => {
    const checked = schemaFor(row).safeParse(toInput(values, row));
    return checked.success ? {} : problemsOfIssues(checked.error.issues);
  }, [schemaFor, toInput, values, row]);

  /** Shown next to each field: the schema's problem once the field was touched (or a save tried), else the server's. */
  const problems = useMemo(() => {
    const shown: FieldProblems = {};
    for (const [field, problem] of Object.entries(clientProblems))
      if (attempted || touched.has(field)) shown[field] = problem;
    for (const [field, problem] of Object.entries(serverProblems)) if (!(field in shown)) shown[field] = problem;
    return shown;
  }, [clientProblems, serverProblems, attempted, touched]);

  const set = useCallback(<K extends keyof Values & string>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    setServerProblems((p) => {
      if (!(field in p)) return p;
      const { [field]: _gone, ...rest } = p;
      return rest;
    });
    setDirty(true);
    setSavedAt(null);
  }, []);

  function applySaved(saved: Row) {
    setRow(saved);
    setValues(toValues(saved));
    setDirty(false);
    setServerProblems({});
    setFailure(null);
    setConflict(null);
    setAttempted(false);
    setTouched(new Set());
    setSavedAt(Date.now());
  }

  function failed(e: unknown) {
    const f = saveFailureOf(e, fields);
    setFailure(f);
    if (f.kind === "fields") setServerProblems(f.problems);
    if (f.kind === "conflict") {
      const current = rowSchema.safeParse(f.current);
      setConflict(current.success ? current.data : null);
    }
  }

  async function save(expectedVersion?: number) {
    setAttempted(true);
    const checked = schemaFor(row).safeParse(toInput(values, row));
    if (!checked.success) return;
    setStatus("saving");
    setFailure(null);
    try {
      if (!row) {
        const created = await api.send(rowSchema, resource, "POST", `/api/${resource}`, checked.data);
        // The URL moves from /nuevo to the new id: the row is in hand, no reload.
        loadedKey.current = `${created.id}#${loadCount}`;
        applySaved(created);
        goTo(`${basePath}/${created.id}`, { replace: true });
      } else {
        const body = { ...(checked.data as object), expectedVersion: expectedVersion ?? row.version };
        applySaved(await api.send(rowSchema, resource, "PATCH", `/api/${resource}/${row.id}`, body));
      }
    } catch (e) {
      failed(e);
    } finally {
      setStatus("ready");
    }
  }

  /**
   * Activar / Desactivar: a state the owner sets whatever else changed meanwhile, so it is sent
   * alone and without expectedVersion (the other fields typed in the form stay as typed).
   */
  async function setActive(active: boolean) {
    if (!row) return;
    setStatus("saving");
    setFailure(null);
    try {
      const saved = await api.send(rowSchema, resource, "PATCH", `/api/${resource}/${row.id}`, { active });
      setRow(saved);
      setValues((v) => ({ ...v, active: saved.active }));
      setSavedAt(Date.now());
    } catch (e) {
      failed(e);
    } finally {
      setStatus("ready");
    }
  }

  return {
    isNew,
    row,
    values,
    set,
    status,
    problems,
    failure,
    conflict,
    savedAt,
    dirty,
    save: () => save(),
    setActive,
    /** "Guardar de todos modos": the same values over the version the server has now. */
    overwrite: () => (conflict ? save(conflict.version) : Promise.resolve()),
    /** "Recargar": what the server has now replaces what was typed. */
    reloadFromConflict: () => {
      if (!conflict) return;
      applySaved(conflict);
      setSavedAt(null);
    },
    retryLoad: () => setLoadCount((n) => n + 1),
  };
}

export type RecordEditor<Row extends EditableRow, Values extends Record<string, unknown>> = ReturnType<
  typeof useRecordEditor<Row, Values>
>;
