// `kms-rotation render`: saved JSON output (plan, drift, ...) re-rendered in another format, like
// `terraform show` on a saved plan, so CI reads KMS once. Several reports of one kind (the shards of
// one config) are merged into one first (renderReports).

import { renderReports } from "../../app/render-reports.js";
import { defaultFormat, renderReport, reportFormats } from "../../render/report-views.js";
import { formatFlag, type ParsedArgs, stringFlag } from "../args.js";
import { RENDER_FORMATS } from "../formats.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { viewOptions } from "../session.js";
import { UsageError } from "../usage-error.js";

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  if (args.positionals.length === 0) throw new UsageError("missing the report to render (a JSON file)");
  // Without --format each kind is shown as its command shows it by default (text; a publish document as
  // the JWK Set `publish` writes).
  const given = stringFlag(args, "format") === undefined ? undefined : formatFlag(args, RENDER_FORMATS);
  const { report, diagnostics } = await renderReports(args.positionals, {
    cwd: io.cwd,
    allowPartial: args.values["allow-partial"] === true,
    ...(given === undefined ? {} : { format: given }),
    rendersAs: reportFormats,
  });
  if (!report) return exit(1, diagnostics);
  const format = given ?? defaultFormat(report.kind);
  io.stdout.write(renderReport(report, format, viewOptions(io)) ?? "");
  return exit(0, diagnostics);
}
