// `kms-rotation plan`: read every declared key, show what apply would change, optionally save the plan.

import { fingerprints } from "../../apply/fingerprint.js";
import type { Plan } from "../../model/index.js";
import { planToJson, renderPlanMarkdown, renderPlanText } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional, stringFlag, writeOutput } from "../args.js";
import { type Io, useColour } from "../io.js";
import { openSession, type Session } from "../session.js";

const FORMATS = ["text", "json", "markdown"] as const;

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(args, "config file (kms-rotation plan <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const out = stringFlag(args, "out");
  const session = await openSession(file, args, io, { moveLocalClock: false });
  if (typeof session === "number") return session;
  try {
    const { plan } = session;
    io.stdout.write(renderPlan(plan, format, io));
    const saved = `${JSON.stringify(savedPlan(session, args, io), null, 2)}\n`;
    if (out !== undefined && !(await writeOutput(out, saved, io))) return 1;
    if (plan.summary.blocked > 0) return 1;
    return args.values["detailed-exitcode"] === true && plan.summary.changes > 0 ? 2 : 0;
  } finally {
    await session.connection.close();
  }
}

export function renderPlan(plan: Plan, format: (typeof FORMATS)[number], io: Io): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(planToJson(plan), null, 2)}\n`;
    case "markdown":
      return renderPlanMarkdown(plan);
    case "text":
      return renderPlanText(plan, { colour: useColour(io) });
    default:
      return format satisfies never;
  }
}

/** The plan plus what each key looked like and where KMS was, so `apply plan.json` can check and run it. */
export function savedPlan(session: Session, args: ParsedArgs, io: Io): unknown {
  const endpoint = stringFlag(args, "endpoint") ?? (io.env.KMS_ROTATION_ENDPOINT || undefined);
  return planToJson(session.plan, {
    config: session.config.file,
    provider: { ...session.config.provider, ...(endpoint ? { endpoint } : {}) },
    observed: fingerprints(session.observations),
  });
}
