// importRegion: what `kms-rotation import` does, as one call: list every key of the regions given and
// decide how a config declares each as it is now. The YAML itself is a view (render/config-yaml.ts).

import { type Diagnostic, diagnostic, isRegionId } from "../model/index.js";
import { inventory } from "../observe/inventory.js";
import { type ImportDecisions, importDecisions, shardUnits, toIso, unitsOf } from "../plan/index.js";
import { idleImportShardText, otherRegionKeysText } from "../words/import-text.js";
import { kmsFailure } from "./kms-failures.js";
import { openConnection } from "./open-connection.js";
import { type RunOptions, resolveOptions } from "./options.js";

export interface ImportedRegions {
  /** Each key declared as it is (aliases preferred over ids), and the keys left out, with why. */
  readonly decisions: ImportDecisions;
  /** The regions read, as given (with `shard`, those of this shard). */
  readonly regions: readonly string[];
  /** The instant the keys were read as of, ISO-8601 to the second: the connection's clock. */
  readonly now: string;
}

export interface ImportOutcome {
  /** Absent when KMS could not be read, or with `shard` when no region falls to this shard. */
  readonly imported?: ImportedRegions;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Lists every key of the regions given (the shard's of them, with `options.shard`) and decides how a
 * config declares each as it is now, so that planning that config shows no changes. Refuses, writing
 * nothing, when an endpoint answers with keys of another region than the one asked for (an
 * `--endpoint` pointed at the wrong region would otherwise declare its keys under this one).
 *
 * @example
 * ```ts
 * import { importRegion } from "kms-rotation";
 * const { imported, diagnostics } = await importRegion(["cn-hangzhou"], { endpoint: "http://127.0.0.1:8300" });
 * for (const d of imported?.decisions.declared ?? []) console.log(d.name, d.rotation.mode);
 * ```
 */
export async function importRegion(
  regions: string | readonly string[],
  options: RunOptions = {},
): Promise<ImportOutcome> {
  const given = [...new Set(typeof regions === "string" ? [regions] : regions)];
  const problem = regionsProblem(given);
  if (problem) return { diagnostics: [diagnostic("error", "region", problem)] };
  const run = resolveOptions(options);
  // Import has no accounts: its units are the regions given, sharded as any other command's.
  const shard = run.shard;
  const read = shard
    ? shardUnits(unitsOf(given.map((region) => ({ region }))), shard).map((u) => u.region)
    : given;
  if (read.length === 0 && shard) {
    return { diagnostics: [diagnostic("note", "shard", idleImportShardText(shard, given.length))] };
  }
  const provider = { kind: "alibaba" as const, endpoints: {} };
  const connected = await openConnection(provider, read, run, { moveLocalClock: false }, "for import");
  if (!("ok" in connected)) return { diagnostics: connected.diagnostics };
  const connection = connected.ok;
  try {
    const perRegion = await Promise.all(
      read.map((region) =>
        inventory(connection.kmsFor(region), {
          concurrency: run.concurrency,
          signal: run.signal,
          withTags: false,
        }),
      ),
    );
    const elsewhere = perRegion.flatMap((keys, i) =>
      keys.filter((k) => !k.key.arn.startsWith(`acs:kms:${read[i]}:`)),
    );
    if (elsewhere.length > 0) {
      const arn = elsewhere[0]?.key.arn ?? "";
      const message = otherRegionKeysText(elsewhere[0]?.key.region ?? "", arn);
      return { diagnostics: [diagnostic("error", "kms", message)] };
    }
    const decisions = importDecisions(perRegion.flat(), read);
    return { imported: { decisions, regions: read, now: toIso(connection.now) }, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await connection.close();
  }
}

/** The regions given must be region ids, at least one (the command's --region is checked the same way). */
function regionsProblem(regions: readonly string[]): string | undefined {
  if (regions.length === 0) return "no region to import (for example cn-hangzhou)";
  const wrong = regions.find((r) => !isRegionId(r));
  return wrong === undefined ? undefined : `"${wrong}" is not a region id such as cn-hangzhou`;
}
