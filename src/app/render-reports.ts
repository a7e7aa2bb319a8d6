// renderReports: what `kms-rotation render` does before it picks a view: read saved JSON reports, know
// each one's kind, refuse a set that cannot be one report, and merge the shards of one run into one.

import { resolve } from "node:path";
import { REPORT_KINDS, type ReadReport, reportFromJson } from "../contract/reports.js";
import {
  type Diagnostic,
  diagnostic,
  type Report,
  type ReportKind,
  type ReportValues,
} from "../model/index.js";
import {
  type Merged,
  mergeAuditReports,
  mergeDriftReports,
  mergeForecasts,
  mergePlans,
  mergePublished,
  type Part,
} from "../plan/index.js";
import { readBoundedText } from "../plan-file/index.js";
import { fileErrorWords } from "../words/file-words.js";
import {
  cannotRenderText,
  mergeConflictText,
  mixedKindsText,
  type ReportFileProblem,
  reportFileText,
  shardsIncompleteText,
  shardsMissingText,
} from "../words/merge-text.js";

export interface RenderReportsOptions {
  /** Directory relative paths are read from; default process.cwd(). */
  readonly cwd?: string;
  /** Merge a set missing some of its run's shards (a warning names them) instead of refusing it. */
  readonly allowPartial?: boolean;
  /** With `rendersAs`: the format the report is wanted in; a kind without it is refused before merging. */
  readonly format?: string;
  /** The formats a kind renders as (the caller's views). */
  readonly rendersAs?: (kind: ReportKind) => readonly string[];
}

export interface RenderReportsOutcome {
  /** The reports as one; absent when a file is not a valid report, the kinds differ, or the merge is refused. */
  readonly report?: Report;
  readonly diagnostics: readonly Diagnostic[];
}

const MERGES: {
  readonly [K in ReportKind]: (parts: readonly Part<ReportValues[K]>[]) => Merged<ReportValues[K]>;
} = {
  plan: mergePlans,
  drift: mergeDriftReports,
  audit: mergeAuditReports,
  forecast: mergeForecasts,
  publish: mergePublished,
};

/**
 * Reads reports saved as JSON by plan, drift, audit, forecast or publish (`--format json`) and returns them
 * as one report: every key once, summaries recomputed, as of the earliest. Files of different kinds, and
 * the shards of one run with some missing (unless `allowPartial`), are refused with a diagnostic, as
 * `kms-rotation render` refuses them. Show the report with that kind's views.
 *
 * @example
 * ```ts
 * import { DRIFT_VIEWS, renderReports } from "kms-rotation";
 * const { report, diagnostics } = await renderReports(["drift-1.json", "drift-2.json"]);
 * if (report?.kind === "drift") process.stdout.write(DRIFT_VIEWS.markdown(report.value, { colour: false }));
 * else for (const d of diagnostics) console.error(d.message);
 * ```
 */
export async function renderReports(
  files: readonly string[],
  options: RenderReportsOptions = {},
): Promise<RenderReportsOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await Promise.all(files.map((file) => load(file, cwd)));
  const problems = loaded.flatMap((l) => ("diagnostic" in l ? [l.diagnostic] : []));
  if (problems.length > 0) return { diagnostics: problems };
  const reports = loaded as Loaded[];
  const first = reports[0];
  if (!first) return refused("no report to render");
  const kind = first.report.kind;
  const other = reports.find((r) => r.report.kind !== kind);
  if (other) return refused(mixedKindsText(kindOf(first), kindOf(other)));
  const formats = options.rendersAs?.(kind);
  if (formats && options.format !== undefined && !formats.includes(options.format))
    return refused(cannotRenderText(kind, options.format, formats));
  return merge(kind, reports, options.allowPartial === true);
}

interface Loaded {
  readonly file: string;
  readonly report: Report;
}

function merge(kind: ReportKind, reports: readonly Loaded[], allowPartial: boolean): RenderReportsOutcome {
  // Shards merge in shard order whatever order the files come in (a glob lists shard 10 before 2), so the
  // merged report lists its keys as the unsharded run does. Stable: unsharded reports keep their order.
  const index = (r: Loaded) => (r.report.value as { shard?: { index: number } }).shard?.index ?? 0;
  const ordered = [...reports].sort((a, b) => index(a) - index(b));
  const parts: Part<unknown>[] = ordered.map((r) => ({ source: r.file, value: r.report.value }));
  // One report goes through the merge too: its summary (or inSync) is recomputed from its keys rather
  // than trusted, and a lone shard is warned about the shards it lacks. It keeps its shard field.
  const merged = (MERGES[kind] as (parts: readonly Part<unknown>[]) => Merged<unknown>)(parts);
  if ("conflict" in merged) return refused(`cannot merge: ${mergeConflictText(merged.conflict)}`);
  // Shards missing: refused, for drift too: a missing shard is a failed job, not drift found, and the
  // keys it held were looked at by no one. allowPartial gives what is here.
  const [incomplete] = merged.warnings;
  if (incomplete !== undefined && !allowPartial) return refused(shardsIncompleteText(incomplete));
  const lone = parts.length === 1 ? (parts[0] as Part<{ shard?: unknown }>).value.shard : undefined;
  const value = lone === undefined ? merged.merged : { ...(merged.merged as object), shard: lone };
  return {
    report: { kind, value } as Report,
    diagnostics: merged.warnings.map((w) => diagnostic("warning", "render", shardsMissingText(w))),
  };
}

async function load(file: string, cwd: string): Promise<Loaded | { diagnostic: Diagnostic }> {
  const fail = (problem: ReportFileProblem, details?: readonly string[]) => ({
    diagnostic: diagnostic("error", "render", reportFileText(file, problem), details ? { details } : {}),
  });
  let text: string;
  try {
    const read = await readBoundedText(resolve(cwd, file));
    if ("tooLarge" in read) return fail({ tooLarge: read.tooLarge });
    text = read.text;
  } catch (error) {
    return fail({ unreadable: fileErrorWords(error) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail({ notJson: (error as Error).message });
  }
  const read: ReadReport = reportFromJson(json);
  if ("unknown" in read) return fail({ unknownKind: REPORT_KINDS });
  if ("problems" in read) return fail({ invalid: read.kind }, read.problems);
  return { file, report: read.report };
}

function kindOf(loaded: Loaded): { file: string; kind: ReportKind } {
  return { file: loaded.file, kind: loaded.report.kind };
}

function refused(message: string): RenderReportsOutcome {
  return { diagnostics: [diagnostic("error", "render", message)] };
}
