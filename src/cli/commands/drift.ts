// `kms-rotation drift`: read-only; a status per key, exit 2 when anything is not in sync.

import { inventory } from "../../apply/inventory.js";
import type { DriftEntry, DriftReport } from "../../model/index.js";
import { driftEntry, driftReport, isIgnored, observedPolicy, toIso } from "../../plan/index.js";
import { driftToJson, renderDriftJunit, renderDriftMarkdown, renderDriftText } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional } from "../args.js";
import { type Io, useColour } from "../io.js";
import { openSession, reportKmsFailure, type Session } from "../session.js";

const FORMATS = ["text", "json", "markdown", "junit"] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(args, "config file (kms-rotation drift <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const session = await openSession(file, args, io, { moveLocalClock: false });
  if (typeof session === "number") return session;
  try {
    const declared = session.plan.keys.map((kp, i) => driftEntry(kp, session.observations[i] as never));
    const unmanaged = args.values["include-unmanaged"] === true ? await unmanagedEntries(session, io) : [];
    const report = driftReport([...declared, ...unmanaged], toIso(session.connection.now));
    io.stdout.write(render(report, format, io));
    return report.inSync ? 0 : 2;
  } catch (error) {
    return reportKmsFailure(error, io);
  } finally {
    await session.connection.close();
  }
}

/** Keys in the declared regions that the file does not declare and no ignore rule covers. */
async function unmanagedEntries(session: Session, io: Io): Promise<DriftEntry[]> {
  const { config, connection, observations } = session;
  const declaredIds = new Set(observations.flatMap((o) => (o.found ? [o.key.keyId] : [])));
  const withTags = config.ignore.some((rule) => rule.tag !== undefined);
  const regions = [...new Set(config.keys.map((k) => k.region))];
  const perRegion = await Promise.all(
    regions.map((region) =>
      inventory(connection.kmsFor(region), {
        concurrency: session.concurrency,
        signal: io.signal,
        withTags,
        skip: declaredIds,
      }),
    ),
  );
  return perRegion.flat().flatMap(({ key, aliases, tags }) =>
    isIgnored(config.ignore, { keyId: key.keyId, arn: key.arn, aliases, tags })
      ? []
      : [
          {
            key: aliases[0] ?? key.keyId,
            keyId: key.keyId,
            region: key.region,
            status: "unmanaged" as const,
            actual: observedPolicy(key),
          },
        ],
  );
}

function render(report: DriftReport, format: Format, io: Io): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(driftToJson(report), null, 2)}\n`;
    case "markdown":
      return renderDriftMarkdown(report);
    case "junit":
      return renderDriftJunit(report);
    case "text":
      return renderDriftText(report, { colour: useColour(io) });
    default:
      return format satisfies never;
  }
}
