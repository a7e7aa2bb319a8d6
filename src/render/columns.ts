// Aligned rows for terminal output: `  ~ alias/orders-db   cn-hangzhou   rotation off -> ...`.

import type { Paint, Style } from "./ansi.js";
import { oneLine } from "./describe.js";
import { wrapLine } from "./wrap.js";

/** A long key name overflows its column rather than pushing every other row to the right. */
const MAX_KEY_WIDTH = 40;

export interface Row {
  readonly symbol: string;
  readonly key: string;
  readonly region: string;
  readonly text: string;
  /** Styles the symbol and, for dim rows, the whole line. */
  readonly style?: Style;
  readonly dimAll?: boolean;
}

export interface Columns {
  readonly keyWidth: number;
  readonly regionWidth: number;
  readonly showRegion: boolean;
}

/** Column widths fitting `rows`; a live display passes those of every key it will show. */
export function columnsFor(rows: readonly { key: string; region: string }[], showRegion: boolean): Columns {
  return {
    keyWidth: Math.min(MAX_KEY_WIDTH, Math.max(0, ...rows.map((r) => oneLine(r.key).length))),
    regionWidth: Math.max(0, ...rows.map((r) => r.region.length)),
    showRegion,
  };
}

/**
 * One row as lines: the text wraps at `width` (when known) under its own column, so a long reason
 * stays readable at 80 columns and a key id is never cut.
 */
export function renderRow(row: Row, columns: Columns, paint: Paint, width?: number): string[] {
  const cells = [oneLine(row.key).padEnd(columns.keyWidth)];
  if (columns.showRegion) cells.push(row.region.padEnd(columns.regionWidth));
  const lead = `${cells.join("  ")}  `;
  const prefix = `  ${row.symbol} ${lead}`;
  const [first = "", ...rest] = wrapLine(row.text, width, prefix);
  const head = first.slice(prefix.length);
  if (row.dimAll)
    return [`  ${paint("dim", `${row.symbol} ${lead}${head}`)}`, ...rest.map((l) => paint("dim", l))];
  return [`  ${paint(row.style, row.symbol)} ${lead}${head}`, ...rest];
}

/** Renders rows in order; the region column appears only when `showRegion` (a plan over several regions). */
export function renderRows(
  rows: readonly Row[],
  showRegion: boolean,
  paint: Paint,
  width?: number,
): string[] {
  const columns = columnsFor(rows, showRegion);
  return rows.flatMap((row) => renderRow(row, columns, paint, width));
}

/**
 * Rows of keys that failed alike (the same error, in the same place: an endpoint that never answers)
 * as one row, `15 keys`, at the first one's place: a dead endpoint is one line, not one per key.
 * `sameFailure` names a row's failure (undefined: a row of its own); `text` words the merged row.
 */
export function collapseAlike<T>(
  items: readonly T[],
  row: (item: T) => Row,
  sameFailure: (item: T) => string | undefined,
  text: (item: T) => string,
): Row[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const failure = sameFailure(item);
    if (failure === undefined) continue;
    const id = `${row(item).region}\u0000${failure}`;
    // Pushed in place: copying the group for each item was quadratic (100,000 keys behind one dead endpoint).
    const group = groups.get(id);
    if (group) group.push(item);
    else groups.set(id, [item]);
  }
  const rows: Row[] = [];
  const done = new Set<string>();
  for (const item of items) {
    const failure = sameFailure(item);
    const own = row(item);
    const id = `${own.region}\u0000${failure}`;
    const group = failure === undefined ? undefined : groups.get(id);
    if (!group || group.length < 2) rows.push(own);
    else if (!done.has(id)) {
      done.add(id);
      rows.push({ ...own, key: `${group.length} keys`, text: text(item) });
    }
  }
  return rows;
}

/** Read failures that are about the endpoint, not the key: alike whatever their words. */
const ENDPOINT_FAILURES: ReadonlySet<string> = new Set([
  "EndpointUnreachable",
  "CredentialsNotFound",
  "Timeout",
  "NetworkError",
]);

/** What makes two keys' read failures alike: the endpoint failing, or the same error word for word. */
export function failureKind(code: string, message: string): string {
  return ENDPOINT_FAILURES.has(code) ? "endpoint" : `${code}: ${message}`;
}
