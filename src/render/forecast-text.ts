// The forecast for a terminal: one line per rotation in time order, then the keys reaching their cap.

import { type Forecast, forecastProblemCode } from "../model/index.js";
import { forecastProblemText } from "../words/problem-text.js";
import { painter } from "./ansi.js";
import { formatDate, oneLine, plural } from "./describe.js";

export function renderForecastText(forecast: Forecast, options: { colour: boolean }): string {
  const paint = painter(options.colour);
  const keyWidth = Math.min(40, Math.max(0, ...forecast.rotations.map((r) => oneLine(r.key).length)));
  const regionWidth = Math.max(0, ...forecast.rotations.map((r) => r.region.length));
  const lines = [`Rotations from ${forecast.now} until ${forecast.until}:`, ""];
  for (const r of forecast.rotations) {
    const kind =
      r.kind === "manual"
        ? paint("yellow", "manual   ")
        : r.kind === "automatic"
          ? "automatic"
          : paint("green", r.kind.padEnd(9));
    lines.push(`  ${r.at}  ${kind}  ${oneLine(r.key).padEnd(keyWidth)}  ${r.region.padEnd(regionWidth)}`);
  }
  if (forecast.rotations.length === 0) lines.push("  none");
  if (forecast.capReached.length > 0) {
    lines.push("", paint("red", "Version cap (50) reached:"));
    for (const c of forecast.capReached) {
      lines.push(`  ${formatDate(c.at)}  ${oneLine(c.key)}  ${c.region}: no version can be made after this`);
    }
  }
  const problems = forecast.problems ?? [];
  const unread = problems.filter((p) => p.error).length;
  if (problems.length > 0) {
    const which = unread > 0 ? "missing, blocked or unreadable" : "missing or blocked";
    lines.push("", paint("red", `Declared keys ${which} (nothing is forecast for them):`));
    for (const p of problems)
      lines.push(
        `  ${oneLine(p.key)}  ${p.region}: ${oneLine(forecastProblemCode(p))}: ${oneLine(forecastProblemText(p))}`,
      );
  }
  const blocked = problems.length - unread;
  const manual = forecast.rotations.filter((r) => r.kind === "manual").length;
  const signing = forecast.rotations.filter((r) => r.kind === "promote" || r.kind === "retire").length;
  const rotations = forecast.rotations.length - signing;
  lines.push(
    "",
    `${plural(rotations, "rotation")} (${manual} manual, made by apply), ` +
      (signing > 0 ? `${plural(signing, "signing event")} (promote, retire), ` : "") +
      `${plural(forecast.capReached.length, "key")} reaching the version cap` +
      (blocked > 0 ? `, ${plural(blocked, "key")} missing or blocked` : "") +
      (unread > 0 ? `, ${plural(unread, "key")} that could not be read` : ""),
    "",
  );
  return lines.join("\n");
}
