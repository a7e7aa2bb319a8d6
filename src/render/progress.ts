// One frame of a TTY progress bar; the CLI redraws it on stderr with `\r`, so it must stay one line.

/** `Reading keys [########------------]  412/1000`, with a bar `width` cells wide (none when width <= 0). */
export function renderProgress(done: number, total: number, label: string, width: number): string {
  const safeTotal = Math.max(0, Math.floor(total));
  const safeDone = Math.min(Math.max(0, Math.floor(done)), safeTotal);
  const counter = `${String(safeDone).padStart(String(safeTotal).length)}/${safeTotal}`;
  const title = label.replace(/[\p{Cc}]+/gu, " ").trim();
  const cells = Math.max(0, Math.floor(width));
  if (cells === 0) return `${title}  ${counter}`;
  // Nothing to do is complete, not empty: a run over zero keys should not look stuck.
  const ratio = safeTotal === 0 ? 1 : safeDone / safeTotal;
  const filled = Math.floor(ratio * cells);
  return `${title} [${"#".repeat(filled)}${"-".repeat(cells - filled)}] ${counter}`;
}
