// `kms-rotation publish`: the verification keys of the declared signing keys, to stdout or --out.
// Exit 0; 1 on error (a key unreadable, missing or not a signing key: no partial key set is written).

import { publishKeys } from "../../app/publish.js";
import { diagnostic, printable } from "../../model/index.js";
import { formatsOf, jwksOmissions, PUBLISH_VIEWS } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs, stringFlag, writeOutput } from "../args.js";
import type { Io } from "../io.js";
import { publishedNotes } from "../next-steps.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import { interruptedOutcome, runOptions, viewOptions } from "../session.js";

const FORMATS = formatsOf(PUBLISH_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(args, "config file (kms-rotation publish <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const out = stringFlag(args, "out");
  const bar = progress(io, "Reading signing keys");
  const options = runOptions(args, io, {
    onRead: (done, total) => bar.update(done, total),
    onKmsEvent: (event) => bar.kms(event),
  });
  const { report, diagnostics } = await publishKeys(file, options).finally(() => bar.done());
  if (!report) return interruptedOutcome(io) ?? exit(1, diagnostics);
  const text = PUBLISH_VIEWS[format](report, viewOptions(io));
  const omitted = format === "jwks" ? jwksOmissions(report) : [];
  const warnings = omitted.map((k) =>
    diagnostic(
      "warning",
      "publish",
      `${printable(k.key)}: an SM2 key has no JOSE form and is left out of the JWK Set; publish it with --format pem`,
      { key: k.key },
    ),
  );
  if (out === undefined) {
    io.stdout.write(text);
    return exit(0, [...diagnostics, ...warnings]);
  }
  const problem = await writeOutput(out, text, io.cwd);
  if (problem) return failure("publish", problem);
  // Count what the file holds: the SM2 keys a JWK Set leaves out are not in it.
  const written = report.keys.filter((k) => !omitted.includes(k));
  const versions = written.reduce((n, k) => n + k.versions.length, 0);
  return exit(0, [...diagnostics, ...warnings, ...publishedNotes(out, written.length, versions)]);
}
