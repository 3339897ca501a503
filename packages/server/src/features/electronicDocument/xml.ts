/**
 * A few lines of XML writing for the electronic documents: every text and attribute value is
 * escaped here, so no builder can emit markup from data (a product named "<b>" stays text).
 * Compact output (no indentation): what is signed is exactly what is sent.
 */

export type XmlAttributes = Record<string, string | number | undefined>;

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function attributes(attrs: XmlAttributes | undefined): string {
  if (!attrs) return "";
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
}

/** An element with text content (escaped). */
export function text(name: string, value: string | number, attrs?: XmlAttributes): string {
  return `<${name}${attributes(attrs)}>${escapeXml(String(value))}</${name}>`;
}

/** An element holding other elements (already written by these functions); empty parts are skipped. */
export function el(name: string, attrs: XmlAttributes | undefined, ...children: (string | false | null | undefined)[]) {
  return `<${name}${attributes(attrs)}>${children.filter(Boolean).join("")}</${name}>`;
}
