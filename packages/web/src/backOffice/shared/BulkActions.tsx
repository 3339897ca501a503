import { ExportButton } from "../import/ExportButton";
import { ImportDialog } from "../import/ImportDialog";

/** "Importar desde CSV" and "Exportar CSV" of Productos and Clientes. */
export function BulkActions({
  userToken,
  entity,
  onImported,
}: {
  userToken: string;
  entity: "products" | "clients";
  onImported: () => void;
}) {
  return (
    <>
      <ImportDialog userToken={userToken} entity={entity} onImported={onImported} />
      <ExportButton userToken={userToken} entity={entity} />
    </>
  );
}
