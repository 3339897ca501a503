/**
 * Where the CSV import/export buttons of Productos and Clientes go (built by another engineer in
 * ./import/ImportDialog.tsx and ./import/ExportButton.tsx). At merge the lead renders them here:
 *   <ImportDialog userToken={userToken} entity={entity} onImported={onImported} />
 *   <ExportButton userToken={userToken} entity={entity} />
 */
export function BulkActions(_props: { userToken: string; entity: "products" | "clients"; onImported: () => void }) {
  return null;
}
