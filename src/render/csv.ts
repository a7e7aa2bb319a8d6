// CSV as RFC 4180 has it (CRLF rows, fields quoted when they hold a comma, quote or line break, quotes
// doubled), with text cells that a spreadsheet would run as a formula made inert.

/** A text cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null;

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(",");
}

export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map(csvRow).join("\r\n")}\r\n`;
}

function csvField(cell: Cell): string {
  if (cell === null) return "";
  // Numbers and booleans are ours; only text can come from a key name, a reason or a description.
  const text = typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
