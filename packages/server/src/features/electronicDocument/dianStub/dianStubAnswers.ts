/** The DIAN's answers as its service writes them (WcfDianCustomerServices, DianResponse data contract). */

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface StubDianResponse {
  statusCode: string;
  isValid: boolean;
  statusDescription: string;
  statusMessage: string;
  messages: string[];
  documentKey: string | null;
  fileName: string | null;
}

export function dianResponseXml(r: StubDianResponse, element = "b:DianResponse", attributes = ""): string {
  return (
    `<${element}${attributes ? ` ${attributes}` : ""}>` +
    `<b:ErrorMessage xmlns:c="http://schemas.microsoft.com/2003/10/Serialization/Arrays">${r.messages
      .map((m) => `<c:string>${esc(m)}</c:string>`)
      .join("")}</b:ErrorMessage>` +
    `<b:IsValid>${r.isValid}</b:IsValid><b:StatusCode>${r.statusCode}</b:StatusCode>` +
    `<b:StatusDescription>${esc(r.statusDescription)}</b:StatusDescription>` +
    `<b:StatusMessage>${esc(r.statusMessage)}</b:StatusMessage><b:XmlBase64Bytes i:nil="true"/><b:XmlBytes i:nil="true"/>` +
    (r.documentKey
      ? `<b:XmlDocumentKey>${esc(r.documentKey)}</b:XmlDocumentKey>`
      : '<b:XmlDocumentKey i:nil="true"/>') +
    (r.fileName ? `<b:XmlFileName>${esc(r.fileName)}</b:XmlFileName>` : '<b:XmlFileName i:nil="true"/>') +
    `</${element}>`
  );
}

export function soapAnswer(operation: string, result: string): string {
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
    `<s:Header><a:Action s:mustUnderstand="1">http://wcf.dian.colombia/IWcfDianCustomerServices/${operation}Response</a:Action></s:Header>` +
    `<s:Body><${operation}Response xmlns="http://wcf.dian.colombia">${result}</${operation}Response></s:Body></s:Envelope>`
  );
}

export const DATA_CONTRACT =
  'xmlns:b="http://schemas.datacontract.org/2004/07/DianResponse" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';

export function soapFault(code: "s:Sender" | "s:Receiver", text: string): string {
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault>' +
    `<s:Code><s:Value>${code}</s:Value></s:Code><s:Reason><s:Text xml:lang="es-CO">${esc(text)}</s:Text></s:Reason>` +
    "</s:Fault></s:Body></s:Envelope>"
  );
}

export const accepted = (documentKey: string, fileName: string): StubDianResponse => ({
  statusCode: "00",
  isValid: true,
  statusDescription: "Procesado Correctamente.",
  statusMessage: `El documento ${fileName} ha sido autorizado.`,
  messages: [],
  documentKey,
  fileName,
});

export const rejected = (documentKey: string, fileName: string, messages: string[]): StubDianResponse => ({
  statusCode: "99",
  isValid: false,
  statusDescription: "Validación contiene errores en campos mandatorios.",
  statusMessage: "Documento con errores en campos mandatorios.",
  messages,
  documentKey,
  fileName,
});

export const processedBefore = (documentKey: string, fileName: string): StubDianResponse =>
  rejected(documentKey, fileName, ["Regla: 90, Rechazo: Documento procesado anteriormente."]);

export const unknownTrackId = (trackId: string): StubDianResponse => ({
  statusCode: "66",
  isValid: false,
  statusDescription: "TrackId no encontrado.",
  statusMessage: `TrackId ${trackId} no existe en los registros de la DIAN.`,
  messages: [],
  documentKey: null,
  fileName: null,
});
