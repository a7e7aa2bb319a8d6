// The forecast for a pull request or a wiki page: a Mermaid gantt chart (one section per key, a
// milestone per rotation), the table of rotations, and the keys reaching their version cap.

import { type Forecast, type ForecastRotation, forecastProblemCode } from "../model/index.js";
import { forecastProblemText } from "../words/problem-text.js";
import { formatDate, oneLine, plural } from "./describe.js";
import { blocks, table } from "./markdown.js";

/** A chart with more sections than this is unreadable; the table below still lists every rotation. */
export const MAX_CHART_KEYS = 40;

export function renderForecastMarkdown(forecast: Forecast): string {
  const heading = `## KMS key rotation forecast, ${formatDate(forecast.now)} to ${formatDate(forecast.until)}`;
  const manual = forecast.rotations.filter((r) => r.kind === "manual").length;
  const signing = forecast.rotations.filter((r) => r.kind === "promote" || r.kind === "retire").length;
  return blocks(
    [heading],
    [
      `**${plural(forecast.rotations.length - signing, "rotation")}** (${manual} manual, made by \`apply\`); ` +
        (signing > 0 ? `**${plural(signing, "signing event")}** (promote, retire); ` : "") +
        `**${plural(forecast.capReached.length, "key")}** reaching the 50-version cap.`,
    ],
    problemsSection(forecast),
    forecast.rotations.length > 0 ? chart(forecast) : [],
    forecast.capReached.length > 0
      ? [
          "### Version cap reached",
          "",
          ...table(
            ["Date", "Key", "Key id", "Region"],
            forecast.capReached.map((c) => [c.at, c.key, c.keyId, c.region]),
          ),
        ]
      : [],
    forecast.rotations.length > 0
      ? [
          "### Rotations",
          "",
          ...table(
            ["When", "Kind", "Key", "Key id", "Region"],
            forecast.rotations.map((r) => [r.at, r.kind, r.key, r.keyId, r.region]),
          ),
        ]
      : [],
  );
}

/** Missing, blocked and unread keys come first: they are why the command failed. */
function problemsSection(forecast: Forecast): string[] {
  const problems = forecast.problems ?? [];
  if (problems.length === 0) return [];
  const which = problems.some((p) => p.error) ? "missing, blocked or unreadable" : "missing or blocked";
  return [
    `### Declared keys ${which}`,
    "",
    "Nothing is forecast for these keys; `plan` shows the same reasons.",
    "",
    ...table(
      ["Key", "Region", "Reason", "Detail"],
      problems.map((p) => [p.key, p.region, forecastProblemCode(p), forecastProblemText(p)]),
    ),
  ];
}

function chart(forecast: Forecast): string[] {
  const byKey = new Map<string, ForecastRotation[]>();
  for (const r of forecast.rotations) {
    const id = `${r.region} ${r.keyId}`;
    byKey.set(id, [...(byKey.get(id) ?? []), r]);
  }
  const shown = [...byKey.values()].slice(0, MAX_CHART_KEYS);
  const lines = [
    "```mermaid",
    "gantt",
    "  title Key rotations",
    "  dateFormat YYYY-MM-DDTHH:mm:ss",
    "  axisFormat %Y-%m-%d",
  ];
  for (const rotations of shown) {
    const first = rotations[0] as ForecastRotation;
    lines.push(`  section ${mermaidText(`${first.key} (${first.region})`)}`);
    for (const r of rotations) lines.push(`  ${r.kind} :milestone, ${r.at.replace(/Z$/, "")}, 0d`);
  }
  lines.push("```");
  if (byKey.size > shown.length) {
    lines.push(
      "",
      `The chart shows the first ${shown.length} of ${byKey.size} keys; the table lists them all.`,
    );
  }
  return lines;
}

/** Mermaid's gantt syntax ends a name at `:` and a statement at `;` or `#`: keep names inert. */
function mermaidText(text: string): string {
  return oneLine(text).replace(/[:;#]/g, "_");
}
