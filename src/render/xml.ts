// XML 1.0 text and attribute values from arbitrary strings: key names and KMS messages are not ours.

/** Everything XML 1.0 allows; the rest (most C0 controls, lone surrogates, U+FFFE/U+FFFF) is dropped. */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXmlText(text: string): string {
  return text.replace(ILLEGAL_XML, "").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Attribute values also keep their line breaks and tabs, which parsers would fold into spaces. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}
