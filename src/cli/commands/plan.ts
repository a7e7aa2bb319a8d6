// `kms-rotation plan`: read every declared key, show what apply would change, optionally save the plan.

import { fingerprints, type SavedPlanParts, writePlanFile } from "../../plan-file/index.js";
import { formatsOf, PLAN_VIEWS } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional, stringFlag } from "../args.js";
import { type Io, useColour } from "../io.js";
import { openSession, type Session } from "../session.js";

const FORMATS = formatsOf(PLAN_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(args, "config file (kms-rotation plan <config.yaml>)");
  const view = PLAN_VIEWS[formatFlag(args, FORMATS)];
  const out = stringFlag(args, "out");
  const session = await openSession(file, args, io, { moveLocalClock: false });
  if (typeof session === "number") return session;
  try {
    const { plan } = session;
    io.stdout.write(view(plan, { colour: useColour(io) }));
    if (out !== undefined) {
      const problem = await writePlanFile(out, plan, savedParts(session, args, io), io.cwd);
      if (problem) {
        io.stderr.write(`error: ${problem.message}\n`);
        return 1;
      }
    }
    if (plan.summary.blocked > 0) return 1;
    return args.values["detailed-exitcode"] === true && plan.summary.changes > 0 ? 2 : 0;
  } finally {
    await session.connection.close();
  }
}

/** The plan plus what each key looked like and where KMS was, so `apply plan.json` can check and run it. */
function savedParts(session: Session, args: ParsedArgs, io: Io): SavedPlanParts {
  const endpoint = stringFlag(args, "endpoint") ?? (io.env.KMS_ROTATION_ENDPOINT || undefined);
  return {
    config: session.config.file,
    provider: { ...session.config.provider, ...(endpoint ? { endpoint } : {}) },
    observed: fingerprints(session.observations),
  };
}
