// `kms-rotation import`: list every key in the regions given and write a config declaring each as it is.

import { kmsFailure, openConnection, resolveOptions } from "../../app/index.js";
import { isRegionId } from "../../model/index.js";
import { inventory } from "../../observe/inventory.js";
import { importDecisions, shardUnits, toIso, unitsOf } from "../../plan/index.js";
import { renderImportedConfig } from "../../render/config-yaml.js";
import { formatFlag, type ParsedArgs, stringFlag, writeOutput } from "../args.js";
import type { Io } from "../io.js";
import { importedConfigNotes } from "../next-steps.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { runOptions } from "../session.js";
import { UsageError } from "../usage-error.js";

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  formatFlag(args, ["yaml"] as const);
  const options = runOptions(args, io);
  // Import has no accounts: its units are the regions given, sharded as any other command's.
  const given = regionFlags(args);
  const regions = options.shard
    ? shardUnits(unitsOf(given.map((region) => ({ region }))), options.shard).map((u) => u.region)
    : given;
  if (regions.length === 0 && options.shard) {
    const { index, count } = options.shard;
    const message = `shard ${index}/${count} has nothing to do: ${given.length} regions given, none falls to it`;
    return exit(0, [{ severity: "note", code: "shard", message }]);
  }
  const provider = { kind: "alibaba" as const, endpoints: {} };
  const run = resolveOptions(options);
  const connected = await openConnection(provider, regions, run, { moveLocalClock: false }, "for import");
  if (!("ok" in connected)) return exit(1, connected.diagnostics);
  const connection = connected.ok;
  try {
    const perRegion = await Promise.all(
      regions.map((region) =>
        inventory(connection.kmsFor(region), {
          concurrency: options.concurrency ?? 1,
          signal: io.signal,
          withTags: false,
        }),
      ),
    );
    const elsewhere = perRegion.flatMap((keys, i) =>
      keys.filter((k) => !k.key.arn.startsWith(`acs:kms:${regions[i]}:`)),
    );
    if (elsewhere.length > 0) {
      const arn = elsewhere[0]?.key.arn ?? "";
      return failure(
        "kms",
        `the endpoint for ${elsewhere[0]?.key.region} answered with keys of another region (${arn}); nothing was written`,
      );
    }
    const decisions = importDecisions(perRegion.flat(), regions);
    const text = renderImportedConfig(decisions, { regions, now: toIso(connection.now) });
    const out = stringFlag(args, "out");
    if (out === undefined) io.stdout.write(text);
    else {
      const problem = await writeOutput(out, text, io.cwd);
      if (problem) return failure("write", problem);
    }
    const declared = decisions.declared.length;
    return exit(0, out === undefined ? [] : importedConfigNotes(out, declared, stringFlag(args, "endpoint")));
  } catch (error) {
    return exit(1, [kmsFailure(error)]);
  } finally {
    await connection.close();
  }
}

function regionFlags(args: ParsedArgs): string[] {
  const raw = args.values.region;
  const regions = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((r) =>
    String(r).split(","),
  );
  if (regions.length === 0) throw new UsageError("missing --region <id> (for example --region cn-hangzhou)");
  for (const r of regions)
    if (!isRegionId(r)) throw new UsageError(`--region "${r}" is not a region id such as cn-hangzhou`);
  return [...new Set(regions)];
}
