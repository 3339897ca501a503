import { useState } from "react";
import { useRoute } from "wouter";
import { registerMessages } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { ElectronicDocumentDetail } from "./ElectronicDocumentDetail";
import { ElectronicDocumentList } from "./ElectronicDocumentList";
import { electronicDocumentsMessagesEn, electronicDocumentsMessagesEs } from "./electronicDocumentsMessages";
import { type ElectronicDocumentFilters, noElectronicDocumentFilters } from "./electronicDocumentsQuery";
import "../../admin/admin.css";
import "./electronicDocuments.css";

registerMessages({ "es-CO": electronicDocumentsMessagesEs, en: electronicDocumentsMessagesEn });

export const ELECTRONIC_DOCUMENTS_SCREEN_PATH = "/admin/documentos-electronicos";

/**
 * Back office "Documentos electrónicos" (issue 19): the DEE POS outbox with its states, the
 * contingency deadlines (amber at 24 h or less, red overdue), the CSV, the contingency notices
 * (/admin/documentos-electronicos) and one document with its XML, the DIAN's answer and "Reenviar"
 * (/admin/documentos-electronicos/:id). The filters live here so coming back from a detail keeps them.
 */
export default function ElectronicDocumentsScreen({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const [isDetail, params] = useRoute<{ id: string }>("/:id");
  const [filters, setFilters] = useState<ElectronicDocumentFilters>(noElectronicDocumentFilters);
  const [offset, setOffset] = useState(0);
  if (isDetail && params)
    return (
      <ElectronicDocumentDetail
        id={params.id}
        userToken={userToken}
        timeZone={timeZone}
        onBack={() => goTo(ELECTRONIC_DOCUMENTS_SCREEN_PATH)}
      />
    );
  return (
    <ElectronicDocumentList
      userToken={userToken}
      timeZone={timeZone}
      filters={filters}
      offset={offset}
      onFilters={(next) => {
        setFilters(next);
        setOffset(0);
      }}
      onPage={setOffset}
      onOpen={(id) => goTo(`${ELECTRONIC_DOCUMENTS_SCREEN_PATH}/${id}`)}
    />
  );
}
