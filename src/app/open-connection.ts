// Connecting a run to KMS: its endpoint and local files checked first, then one client per (account,
// region) or the embedded emulator, with a failure to start either turned into a diagnostic.

import { type Diagnostic, diagnostic, type ProviderConfig } from "../model/index.js";
import { kmsStartText } from "../words/kms-read-text.js";
import { type Connection, type ConnectOptions, connect } from "./connect.js";
import { localFileFindings } from "./local-files.js";
import { endpointProblem, type Resolved } from "./options.js";

/** A value, or the diagnostics that say why there is none. */
export type Opened<T> = { readonly ok: T } | { readonly diagnostics: readonly Diagnostic[] };

/** Connects, turning a failure to start the embedded KMS or reach a provider into a diagnostic. */
export async function openConnection(
  provider: ProviderConfig,
  regions: readonly string[],
  run: Resolved,
  mode: Pick<ConnectOptions, "moveLocalClock" | "lockUnits">,
  what: string,
): Promise<Opened<Connection>> {
  const invalid = endpointProblem(run);
  if (invalid) return { diagnostics: [diagnostic("error", "invalid-endpoint", invalid)] };
  const remote = provider.kind === "alibaba" || run.endpoint !== undefined;
  const files = localFileFindings(provider, remote, run.env, run.cwd);
  for (const warning of files.warnings) run.onWarning?.(diagnostic("warning", "file-permissions", warning));
  if (files.problem) return { diagnostics: [diagnostic("error", "credentials-file", files.problem)] };
  try {
    const connection = await connect(provider, regions, {
      endpoint: run.endpoint,
      concurrency: run.concurrency,
      ...(run.qps ? { qps: run.qps } : {}),
      ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
      ...(run.onKmsEvent ? { onEvent: run.onKmsEvent } : {}),
      env: run.env,
      now: run.now,
      moveLocalClock: mode.moveLocalClock,
      ...(mode.lockUnits ? { lockUnits: mode.lockUnits } : {}),
      ...(run.allowClockSkew ? { allowClockSkew: true } : {}),
    });
    return { ok: connection };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === "WriteLockError") return { diagnostics: [diagnostic("error", "kms", error.message)] };
    const problems = seedProblems(error);
    const message = kmsStartText(what, problems ? "invalid-seed" : { message: error.message });
    return { diagnostics: [diagnostic("error", "kms", message, problems ? { details: problems } : {})] };
  }
}

/**
 * The problems of a seed fleet the embedded emulator refused, each `file:line:column: message`, for
 * diagnostics to list one per line; undefined for any other error. By name, so that reading it does not
 * load the emulator.
 */
export function seedProblems(error: unknown): readonly string[] | undefined {
  const problems = (error as { problems?: unknown } | null)?.problems;
  return error instanceof Error && error.name === "SeedFileError" && Array.isArray(problems)
    ? problems.map(String)
    : undefined;
}
