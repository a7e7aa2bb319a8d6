// Where `apply plan.json` may send requests (section 14): only to the endpoint this run resolves
// (--endpoint, KMS_ROTATION_ENDPOINT, the config the plan came from), never to one taken only from the
// plan file; a plan whose recorded endpoint differs is refused before any request.

import { loadConfig } from "../config/load.js";
import { canonicalEndpoint, resolveEndpoint } from "../kms/endpoint.js";
import { shownEndpoint } from "../model/endpoint.js";
import type { ProviderConfig } from "../model/index.js";

/** Why the saved plan may not be applied from this run, or undefined when its endpoints are this run's. */
export async function planEndpointProblem(
  file: string,
  recorded: ProviderConfig & { endpoint?: unknown },
  given: string | undefined,
  config: string,
  cwd: string,
): Promise<string | undefined> {
  const made = typeof recorded.endpoint === "string" ? recorded.endpoint : undefined;
  if (made !== undefined && given === undefined)
    return (
      `the saved plan ${file} was made against ${shownEndpoint(made)}; this run would use the config's ` +
      `endpoints. Give --endpoint ${shownEndpoint(made)} (or KMS_ROTATION_ENDPOINT) to apply it there`
    );
  if (given !== undefined) {
    if (made === undefined)
      return `the saved plan ${file} was made against the config's endpoints, not ${shownEndpoint(given)}`;
    if ((await canonical(made)) !== (await canonical(given)))
      return `the saved plan ${file} was made against ${shownEndpoint(made)}, not ${shownEndpoint(given)}`;
    return undefined;
  }
  if (recorded.kind !== "alibaba" || !namesEndpoints(recorded)) return undefined;
  // Endpoints named in the plan file alone are not trusted: they must be those of the config it came from.
  const loaded = await loadConfig(config, { cwd });
  const current = loaded.config?.provider;
  if (current === undefined)
    return `the saved plan ${file} names endpoints, and the config it came from (${config}) cannot be read to check them`;
  if (JSON.stringify(endpointsOf(current)) !== JSON.stringify(endpointsOf(recorded)))
    return `the saved plan ${file} names other endpoints than the config it came from (${config})`;
  return undefined;
}

async function canonical(url: string): Promise<string> {
  try {
    return await canonicalEndpoint(resolveEndpoint("", url));
  } catch {
    return url.trim();
  }
}

function namesEndpoints(provider: Extract<ProviderConfig, { kind: "alibaba" }>): boolean {
  const accounts = Object.values(provider.accounts ?? {});
  return (
    Object.keys(provider.endpoints ?? {}).length > 0 ||
    accounts.some((a) => Object.keys(a.endpoints ?? {}).length > 0)
  );
}

function endpointsOf(provider: ProviderConfig): unknown {
  if (provider.kind !== "alibaba") return {};
  const sorted = (record: Readonly<Record<string, string>> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  const accounts = Object.entries(provider.accounts ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([uid, account]) => [uid, sorted(account.endpoints)]);
  return { endpoints: sorted(provider.endpoints), accounts };
}
