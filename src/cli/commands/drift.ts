// `kms-rotation drift`: read-only; a status per key, exit 2 when anything is not in sync.

import { inventory } from "../../apply/inventory.js";
import type { DriftEntry } from "../../model/index.js";
import { driftEntry, driftReport, toIso, unmanagedEntries } from "../../plan/index.js";
import { DRIFT_VIEWS, formatsOf } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional } from "../args.js";
import { type Io, useColour } from "../io.js";
import { openSession, reportKmsFailure, type Session } from "../session.js";

const FORMATS = formatsOf(DRIFT_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(args, "config file (kms-rotation drift <config.yaml>)");
  const view = DRIFT_VIEWS[formatFlag(args, FORMATS)];
  const session = await openSession(file, args, io, { moveLocalClock: false });
  if (typeof session === "number") return session;
  try {
    const declared = session.plan.keys.map((kp, i) => driftEntry(kp, session.observations[i] as never));
    const unmanaged = args.values["include-unmanaged"] === true ? await listUnmanaged(session, io) : [];
    const report = driftReport([...declared, ...unmanaged], toIso(session.connection.now));
    io.stdout.write(view(report, { colour: useColour(io) }));
    return report.inSync ? 0 : 2;
  } catch (error) {
    return reportKmsFailure(error, io);
  } finally {
    await session.connection.close();
  }
}

/** Keys in the declared regions that the file does not declare and no ignore rule covers. */
async function listUnmanaged(session: Session, io: Io): Promise<DriftEntry[]> {
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
  return unmanagedEntries(perRegion.flat(), config.ignore);
}
