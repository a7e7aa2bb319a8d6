// `kms-rotation render`: saved JSON output (plan, drift, ...) re-rendered in another format, like
// `terraform show` on a saved plan, so CI reads KMS once. Several reports of one kind (the shards of
// one config) are merged into one first.

import { resolve } from "node:path";
import { type Diagnostic, diagnostic } from "../../model/index.js";
import type { Part } from "../../plan/index.js";
import { readBoundedText } from "../../plan-file/index.js";
import { fileErrorWords } from "../../words/file-words.js";
import { mergeConflictText, shardsIncompleteText, shardsMissingText } from "../../words/merge-text.js";
import { formatFlag, type ParsedArgs } from "../args.js";
import type { Io } from "../io.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { detectKind, RENDER_FORMATS, REPORT_KINDS, type ReportKind } from "../report-kinds.js";
import { viewOptions } from "../session.js";
import { UsageError } from "../usage-error.js";

interface Loaded {
  readonly file: string;
  readonly kind: ReportKind<unknown>;
  readonly value: unknown;
}

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  if (args.positionals.length === 0) throw new UsageError("missing the report to render (a JSON file)");
  const format = formatFlag(args, RENDER_FORMATS);
  const loaded = await Promise.all(args.positionals.map((file) => load(file, io.cwd)));
  const problems = loaded.flatMap((l) => ("diagnostic" in l ? [l.diagnostic] : []));
  if (problems.length > 0) return exit(1, problems);
  const reports = loaded as Loaded[];
  const kind = (reports[0] as Loaded).kind;
  const other = reports.find((r) => r.kind !== kind);
  if (other) {
    const first = reports[0] as Loaded;
    return failure(
      "render",
      `cannot merge reports of different kinds: ${first.file} is ${kind.label}, ${other.file} is ${other.kind.label}`,
    );
  }
  const view = kind.views[format];
  if (!view) {
    const formats = Object.keys(kind.views).join(", ");
    return failure("render", `${kind.label} cannot be rendered as ${format}; it renders as ${formats}`);
  }
  const parts: Part<unknown>[] = reports.map((r) => ({ source: r.file, value: r.value }));
  // One report goes through the merge too: its summary (or inSync) is recomputed from its keys rather
  // than trusted, and a lone shard is warned about the shards it lacks. It keeps its shard field.
  const merged = kind.merge(parts);
  if ("conflict" in merged) return failure("render", `cannot merge: ${mergeConflictText(merged.conflict)}`);
  // Shards missing: refused (exit 1, nothing on stdout), for drift too: a missing shard is a failed job,
  // not drift found, and the keys it held were looked at by no one. --allow-partial renders what is here.
  const [incomplete] = merged.warnings;
  if (incomplete !== undefined && args.values["allow-partial"] !== true)
    return failure("render", shardsIncompleteText(incomplete));
  const lone = parts.length === 1 ? (parts[0] as Part<{ shard?: unknown }>).value.shard : undefined;
  const value = lone === undefined ? merged.merged : { ...(merged.merged as object), shard: lone };
  io.stdout.write(view(value, viewOptions(io)));
  return exit(
    0,
    merged.warnings.map((w) => diagnostic("warning", "render", shardsMissingText(w))),
  );
}

async function load(file: string, cwd: string): Promise<Loaded | { diagnostic: Diagnostic }> {
  const fail = (message: string, details?: readonly string[]) => ({
    diagnostic: diagnostic("error", "render", message, details ? { details } : {}),
  });
  let text: string;
  try {
    const read = await readBoundedText(resolve(cwd, file));
    if ("tooLarge" in read)
      return fail(`cannot read ${file}: it is ${read.tooLarge}, too large for a report`);
    text = read.text;
  } catch (error) {
    return fail(`cannot read ${file}: ${fileErrorWords(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${file}: not JSON: ${(error as Error).message}`);
  }
  const kind = detectKind(json);
  if (!kind) {
    const kinds = REPORT_KINDS.map((k) => k.name).join(", ");
    return fail(`${file}: not a report render knows (${kinds}: the JSON output of those commands)`);
  }
  const problems = kind.validate(json);
  if (problems.length > 0) return fail(`${file} is not valid as ${kind.label}:`, problems);
  return { file, kind, value: kind.fromJson(json) };
}
