// applyConfig: what `kms-rotation apply` does, as one call: plan (or load a saved plan and check that
// no key has changed since), ask `confirm`, then make each change. With no `confirm` (as
// `--auto-approve`) on a config, planning and applying are one pass: each key is read once and its write
// sent while other keys are still read.

import { resolve } from "node:path";
import { applyPlan } from "../apply/execute.js";
import { planAndApply } from "../apply/pipeline.js";
import type { ApplyResult, DesiredKey, Diagnostic, Plan } from "../model/index.js";
import { isPlanFile, readPlanFile } from "../plan-file/index.js";
import { checkedConfig } from "./checked-config.js";
import { kmsFailure, readErrors } from "./kms-failures.js";
import { openConfig } from "./open-config.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";
import { openSavedPlan, planFileDiagnostic } from "./saved-plan.js";
import { openSession } from "./session.js";

export interface ApplyConfigOptions extends RunOptions {
  /**
   * Called with the plan before any write when there is something to change; resolve false to change
   * nothing. Without it, applyConfig applies at once (as `--auto-approve`).
   */
  readonly confirm?: (plan: Plan) => Promise<boolean> | boolean;
  /**
   * Called with the plan as soon as it is made or loaded, before confirm: to show it. Without confirm
   * (one pass over a config), it is called once every key is read and planned, when the writes are done.
   */
  readonly onPlan?: (plan: Plan) => void;
  /**
   * One pass only (no confirm, a config): the keys about to be read, planned and applied, before the
   * first KMS call; a live display sizes its columns from them, since the plan comes only at the end.
   */
  readonly onStart?: (keys: readonly DesiredKey[]) => void;
}

export interface ApplyOutcome {
  readonly plan?: Plan;
  /** What was done per key; absent when nothing was attempted (invalid input, stale plan, declined). */
  readonly result?: ApplyResult;
  /** True when confirm answered no. */
  readonly declined?: boolean;
  /** True when `path` was a saved plan: once keys have changed it is stale, and only a new plan goes on. */
  readonly savedPlan?: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Makes KMS match a config file, or runs a saved plan (a path to `plan --out` output) after checking
 * that no key has changed since it was planned. Each write decides on a fresh read of its key. Stopped
 * through `signal`, it starts no new write, finishes or settles the writes in flight, and returns a
 * result with `interrupted: true`.
 *
 * @example
 * ```ts
 * import { applyConfig } from "kms-rotation";
 * const { result, diagnostics } = await applyConfig("kms.yaml", {
 *   confirm: (plan) => plan.summary.changes < 50,
 * });
 * if (result?.verdict !== "succeeded") console.error(diagnostics, result?.summary);
 * ```
 */
export async function applyConfig(path: string, options: ApplyConfigOptions = {}): Promise<ApplyOutcome> {
  const run = resolveOptions(options);
  if (await isPlanFile(resolve(run.cwd, path)))
    return { ...(await applyOpened(await openSavedPlan(path, run), options)), savedPlan: true };
  if (!options.confirm) return applyInOnePass(path, run, options);
  return applyOpened(
    await openSession(path, run, { moveLocalClock: true, enforcePolicy: true, lockWrites: true }),
    options,
  );
}

async function applyOpened(
  opened: Awaited<ReturnType<typeof openSavedPlan>> | Awaited<ReturnType<typeof openSession>>,
  options: ApplyConfigOptions,
): Promise<ApplyOutcome> {
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const { plan, connection, concurrency } = opened.ok;
  const reads = "reads" in opened.ok ? opened.ok.reads : undefined;
  try {
    options.onPlan?.(plan);
    const changes = plan.summary.changes > 0;
    if (changes && options.confirm && !(await options.confirm(plan))) {
      return { plan, declined: true, diagnostics: [] };
    }
    const result = await applyPlan(
      plan,
      connection.kmsFor,
      {
        now: connection.now,
        // A saved plan is applied exactly as reviewed: no write it does not list.
        ...(reads !== undefined ? { exactPlan: true } : {}),
        ...(changes ? { concurrency, signal: options.signal, onEvent: options.onEvent } : {}),
      },
      reads,
    );
    return { plan, result, diagnostics: readErrors(plan) };
  } catch (error) {
    return { plan, diagnostics: [kmsFailure(error as Error) as Diagnostic] };
  } finally {
    await connection.close();
  }
}

async function applyInOnePass(
  path: string,
  run: Resolved,
  options: ApplyConfigOptions,
): Promise<ApplyOutcome> {
  const opened = await openConfig(path, run, {
    moveLocalClock: true,
    enforcePolicy: true,
    lockWrites: true,
  });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const { keys, shard, connection, concurrency } = opened.ok;
  try {
    options.onStart?.(keys);
    const { plan: planned, result } = await planAndApply(keys, connection.kmsFor, {
      now: connection.now,
      concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.onRead ? { onRead: options.onRead } : {}),
    });
    const plan = shard ? { ...planned, shard } : planned;
    options.onPlan?.(plan);
    return { plan, result, diagnostics: readErrors(plan) };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await connection.close();
  }
}

/**
 * What is wrong with `path` as apply's input (a config, or a saved plan), found without calling KMS;
 * empty when nothing is. For a caller that must refuse anyway (no one to approve) but should first say
 * what is wrong with the file, as apply would.
 */
export async function applyInputProblems(
  path: string,
  options: RunOptions = {},
): Promise<readonly Diagnostic[]> {
  const run = resolveOptions(options);
  if (await isPlanFile(resolve(run.cwd, path))) {
    const read = await readPlanFile(resolve(run.cwd, path), path);
    return "problem" in read ? [planFileDiagnostic(read.problem)] : [];
  }
  const checked = await checkedConfig(path, run, true);
  return "diagnostics" in checked ? checked.diagnostics : [];
}
