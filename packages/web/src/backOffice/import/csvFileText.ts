/**
 * The text of a CSV file as the owner's spreadsheet saved it. Excel on Windows writes "CSV UTF-8"
 * (with a BOM), plain "CSV" in Windows-1252 (accents as single bytes, which are invalid UTF-8), or
 * "Unicode text" in UTF-16 with a BOM. UTF-8 is tried first; bytes that are not UTF-8 (the decoder
 * puts U+FFFD for them) mean Windows-1252, which decodes every byte.
 */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  // The UTF-8 decoder drops a leading BOM itself.
  const utf8 = new TextDecoder("utf-8").decode(bytes);
  if (!utf8.includes("\uFFFD")) return { text: utf8, encoding: "utf-8" };
  return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
}

/** Windows-1252's 0x80–0x9F (€, curly quotes, dashes…); undefined bytes stay as their code point, as browsers do. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Decoded by hand: Node's TextDecoder reads the label "windows-1252" as ISO-8859-1 (0x80 is not €),
 * unlike browsers, and the same code must give the same text in the tests and the app.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  }
  return out;
}

/** Reads a picked file (File or Blob) and decodes it as above. */
export async function readCsvFile(file: Blob): Promise<{ text: string; encoding: CsvEncoding }> {
  return decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
}

/** The file name an export is saved under: "productos-2026-12-01.csv". */
export function exportFileName(entity: "products" | "clients", now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return `${entity === "products" ? "productos" : "clientes"}-${day}.csv`;
}

/**
 * Offers the exported CSV for download. The BOM is written again (reading the answer as text
 * dropped it) so a spreadsheet opens the file as UTF-8, accents intact.
 */
export function downloadCsv(fileName: string, text: string): void {
  const blob = new Blob([`\uFEFF${text.replace(/^\uFEFF/, "")}`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
