import type { ReactNode } from "react";
import { useRoute } from "wouter";
import type { z } from "zod";
import type { MessageKey } from "../../i18n/i18n";
import { RecordPage } from "../form/RecordPage";
import { type EditableRow, type RecordEditor, useRecordEditor } from "../form/useRecordEditor";
import { type ListColumn, type ListFilter, ListScreen } from "../list/ListScreen";

/** One back-office resource: its list and its form, from a description (categories, taxes, clients…). */
export interface CatalogConfig<Row extends EditableRow & { name: string }, Values extends Record<string, unknown>> {
  /** API path and audit entity: "categories". */
  resource: string;
  /** "/admin/categorias". */
  basePath: string;
  listLabelKey: MessageKey;
  newLabelKey: MessageKey;
  rowSchema: z.ZodType<Row>;
  schemaFor: (row: Row | null) => z.ZodType;
  empty: Values;
  toValues: (row: Row) => Values;
  toInput: (values: Values, row: Row | null) => Record<string, unknown>;
  fields: readonly string[];
  columns: readonly ListColumn<Row>[];
  filters?: readonly ListFilter[];
  toolbar?: ReactNode;
  /** May this record be deactivated here (a user cannot deactivate themself)? */
  canDeactivate?: (row: Row) => boolean;
}

export function CatalogScreen<Row extends EditableRow & { name: string }, Values extends Record<string, unknown>>({
  config,
  renderFields,
  renderAside,
}: {
  config: CatalogConfig<Row, Values>;
  renderFields: (editor: RecordEditor<Row, Values>) => ReactNode;
  renderAside?: (row: Row) => ReactNode;
}) {
  const [isRecord, params] = useRoute("/:id");
  if (isRecord && params)
    return <CatalogRecord id={params.id} config={config} renderFields={renderFields} renderAside={renderAside} />;
  return (
    <ListScreen<Row>
      titleKey={config.listLabelKey}
      resource={config.resource}
      basePath={config.basePath}
      rowSchema={config.rowSchema}
      columns={config.columns}
      filters={config.filters}
      newLabelKey={config.newLabelKey}
      toolbar={config.toolbar}
    />
  );
}

function CatalogRecord<Row extends EditableRow & { name: string }, Values extends Record<string, unknown>>({
  id,
  config,
  renderFields,
  renderAside,
}: {
  id: string;
  config: CatalogConfig<Row, Values>;
  renderFields: (editor: RecordEditor<Row, Values>) => ReactNode;
  renderAside?: (row: Row) => ReactNode;
}) {
  const editor = useRecordEditor<Row, Values>({
    resource: config.resource,
    basePath: config.basePath,
    id,
    rowSchema: config.rowSchema,
    schemaFor: config.schemaFor,
    empty: config.empty,
    toValues: config.toValues,
    toInput: config.toInput,
    fields: config.fields,
  });
  const row = editor.row;
  return (
    <RecordPage
      editor={editor}
      basePath={config.basePath}
      listLabelKey={config.listLabelKey}
      newTitleKey={config.newLabelKey}
      title={row?.name ?? ""}
      auditEntity={config.resource}
      canDeactivate={row ? (config.canDeactivate?.(row) ?? true) : true}
      aside={row && renderAside?.(row)}
    >
      {renderFields(editor)}
    </RecordPage>
  );
}
