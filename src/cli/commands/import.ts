// `kms-rotation import`: list every key in the regions given and write a config declaring each as it is.

import { inventory } from "../../apply/inventory.js";
import { isRegionId } from "../../model/index.js";
import { importDecisions, toIso } from "../../plan/index.js";
import { renderImportedConfig } from "../../render/config-yaml.js";
import type { ParsedArgs } from "../args.js";
import { concurrencyFlag, formatFlag, nowFlag, stringFlag, writeOutput } from "../args.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";
import { reportKmsFailure } from "../session.js";
import { UsageError } from "../usage-error.js";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  formatFlag(args, ["yaml"] as const);
  const regions = regionFlags(args);
  const concurrency = concurrencyFlag(args);
  const connection = await connect({ kind: "alibaba", endpoints: {} }, regions, {
    endpoint: stringFlag(args, "endpoint"),
    concurrency,
    signal: io.signal,
    env: io.env,
    now: nowFlag(args),
    moveLocalClock: false,
  });
  try {
    const perRegion = await Promise.all(
      regions.map((region) =>
        inventory(connection.kmsFor(region), { concurrency, signal: io.signal, withTags: false }),
      ),
    );
    const out = stringFlag(args, "out");
    const elsewhere = perRegion.flatMap((keys, i) =>
      keys.filter((k) => !k.key.arn.startsWith(`acs:kms:${regions[i]}:`)),
    );
    if (elsewhere.length > 0) {
      const arn = elsewhere[0]?.key.arn ?? "";
      io.stderr.write(
        `error: the endpoint for ${elsewhere[0]?.key.region} answered with keys of another region (${arn}); nothing was written\n`,
      );
      return 1;
    }
    const text = renderImportedConfig(importDecisions(perRegion.flat(), regions), {
      regions,
      now: toIso(connection.now),
    });
    if (out === undefined) io.stdout.write(text);
    else if (!(await writeOutput(out, text, io))) return 1;
    return 0;
  } catch (error) {
    return reportKmsFailure(error, io);
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
