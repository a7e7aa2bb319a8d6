// Aligned rows for terminal output: `  ~ alias/orders-db   cn-hangzhou   rotation off -> ...`.

import type { Paint, Style } from "./ansi.js";
import { oneLine } from "./describe.js";

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

/** Renders rows in order; the region column appears only when `showRegion` (a plan over several regions). */
export function renderRows(rows: readonly Row[], showRegion: boolean, paint: Paint): string[] {
  const keyWidth = Math.min(MAX_KEY_WIDTH, Math.max(0, ...rows.map((r) => oneLine(r.key).length)));
  const regionWidth = Math.max(0, ...rows.map((r) => r.region.length));
  return rows.map((row) => {
    const key = oneLine(row.key);
    const cells = [key.padEnd(keyWidth)];
    if (showRegion) cells.push(row.region.padEnd(regionWidth));
    cells.push(row.text);
    const body = cells.join("  ");
    if (row.dimAll) return `  ${paint("dim", `${row.symbol} ${body}`)}`;
    return `  ${paint(row.style, row.symbol)} ${body}`;
  });
}
