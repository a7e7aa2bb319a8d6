// The words for reports `render` reads: what each kind is called, and why reports cannot be merged or
// merge only in part.

import type { MergeConflict, ReportKind, ShardsMissing } from "../model/index.js";

/** `a plan`, `a drift report`: each kind in sentences. */
export const REPORT_LABELS: Readonly<Record<ReportKind, string>> = {
  plan: "a plan",
  drift: "a drift report",
  audit: "an audit report",
  forecast: "a forecast",
  publish: "a publish document",
};

/** `cannot merge reports of different kinds: a.json is a drift report, b.json is a plan` */
export function mixedKindsText(
  first: { readonly file: string; readonly kind: ReportKind },
  other: { readonly file: string; readonly kind: ReportKind },
): string {
  return `cannot merge reports of different kinds: ${first.file} is ${REPORT_LABELS[first.kind]}, ${other.file} is ${REPORT_LABELS[other.kind]}`;
}

/** `a plan cannot be rendered as csv; it renders as text, json, markdown` */
export function cannotRenderText(kind: ReportKind, format: string, formats: readonly string[]): string {
  return `${REPORT_LABELS[kind]} cannot be rendered as ${format}; it renders as ${formats.join(", ")}`;
}

export function mergeConflictText(conflict: MergeConflict): string {
  switch (conflict.code) {
    case "ShardsMixed":
      return "some reports are shards (--shard) and some are not; merge the shards of one run";
    case "ShardCountDiffers":
      return `${conflict.source} is a shard of ${conflict.count}, not of ${conflict.expected}`;
    case "ShardTwice":
      return `${conflict.first} and ${conflict.second} are both shard ${conflict.shard.index}/${conflict.shard.count}`;
    case "KeyInTwo":
      return `${conflict.key} (${conflict.region}) is in both ${conflict.first} and ${conflict.second}; shards must not overlap`;
    case "PoliciesDiffer":
      return `${conflict.first} and ${conflict.second} were judged against different policies`;
    default:
      return conflict satisfies never;
  }
}

/** `shards 2/4, 4/4 missing: the merged report covers 2 of 4`; `shard 2/2 missing: …` for one. */
export function shardsMissingText(warning: ShardsMissing): string {
  const shards = warning.missing.map((i) => `${i}/${warning.count}`).join(", ");
  const noun = warning.missing.length === 1 ? "shard" : "shards";
  return `${noun} ${shards} missing: the merged report covers ${warning.covered} of ${warning.count}`;
}

/**
 * `shards 1/4 missing: these reports cover 3 of 4 shards; ...`: the refusal of an incomplete set, which
 * would read as a whole report (no drift, every key compliant) for keys nobody looked at.
 */
export function shardsIncompleteText(warning: ShardsMissing): string {
  const shards = warning.missing.map((i) => `${i}/${warning.count}`).join(", ");
  const these = warning.covered === 1 ? "this report covers 1" : `these reports cover ${warning.covered}`;
  return (
    `shard${warning.missing.length === 1 ? "" : "s"} ${shards} missing: ${these} of ${warning.count} shards; ` +
    "render every shard's report together, or add --allow-partial to render only these"
  );
}

/** Why a file given to render is not a report it can use. */
export type ReportFileProblem =
  | { readonly tooLarge: string }
  | { readonly unreadable: string }
  | { readonly notJson: string }
  | { readonly unknownKind: readonly string[] }
  | { readonly invalid: ReportKind };

/** `cannot read a.json: no such file`, `a.json: not JSON: ...`, `a.json is not valid as a plan:` */
export function reportFileText(file: string, problem: ReportFileProblem): string {
  if ("tooLarge" in problem) return `cannot read ${file}: it is ${problem.tooLarge}, too large for a report`;
  if ("unreadable" in problem) return `cannot read ${file}: ${problem.unreadable}`;
  if ("notJson" in problem) return `${file}: not JSON: ${problem.notJson}`;
  if ("unknownKind" in problem) {
    const kinds = problem.unknownKind.join(", ");
    return `${file}: not a report render knows (${kinds}: the JSON output of those commands)`;
  }
  return `${file} is not valid as ${REPORT_LABELS[problem.invalid]}:`;
}
