// What the Pulumi provider does for one key: the CLI's own read -> plan -> apply, for a single key.
// Published as `kms-rotation/pulumi/engine` so the serialised provider can import it by name.

import { applyPlan } from "../apply/execute.js";
import { isKmsError, kmsErrorText } from "../kms/errors.js";
import { createKms } from "../kms/index.js";
import { loopbackChain } from "../kms/loopback.js";
import {
  type DesiredKey,
  formatDuration,
  type KeyPlan,
  type ObservedKey,
  parseEndpoint,
} from "../model/index.js";
import { kmsReader, observeKey } from "../observe/observe.js";
import { observedPolicy, plan } from "../plan/index.js";
import { reasonText } from "../words/problem-text.js";
import { checkInputs, type RotationPolicyInputs } from "./inputs.js";

export { samePolicy } from "../model/index.js";
export { checkInputs } from "./inputs.js";

export interface RotationPolicyOutputs extends RotationPolicyInputs {
  readonly region: string;
  readonly keyId: string;
  readonly arn: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Make the key's rotation as declared; throws with the reason when it cannot be. */
export async function reconcile(inputs: RotationPolicyInputs, env: Env): Promise<RotationPolicyOutputs> {
  const desired = desiredOf(inputs, env);
  const kms = clientFor(desired.region, inputs.endpoint);
  const now = new Date();
  const observation = await observeKey(desired, kmsReader(kms), now).catch((error: unknown) => {
    throw told(desired.key, error);
  });
  const planned = plan([desired], [observation], now);
  const keyPlan = planned.keys[0] as KeyPlan;
  if (keyPlan.action.kind === "blocked") {
    throw new Error(`${desired.key}: ${keyPlan.action.reason.code}: ${reasonText(keyPlan.action.reason)}`);
  }
  const result = await applyPlan(planned, () => kms, { now });
  const outcome = result.results[0]?.outcome;
  if (outcome?.status === "failed")
    throw new Error(`${desired.key}: ${outcome.error.code}: ${outcome.error.message}`);
  const key = observation.found === true ? observation.key : undefined;
  return { ...inputs, region: desired.region, keyId: key?.keyId ?? "", arn: key?.arn ?? "" };
}

/** The key as KMS has it now, in the resource's terms (manual keys keep their declared cadence). */
export async function readCurrent(
  props: RotationPolicyOutputs,
  _env: Env,
): Promise<RotationPolicyOutputs | undefined> {
  const kms = clientFor(props.region, props.endpoint);
  let key: ObservedKey;
  try {
    key = await kms.describeKey(props.keyId || props.key);
  } catch (error) {
    if ((error as { code?: string }).code === "Forbidden.KeyNotFound") return undefined;
    throw told(props.key, error);
  }
  const observed = observedPolicy(key);
  const rotation =
    props.rotation.mode === "manual" && observed.mode === "off"
      ? props.rotation
      : observed.mode === "off"
        ? { mode: "off" as const }
        : { mode: "automatic" as const, interval: formatDuration(observed.interval) };
  return { ...props, keyId: key.keyId, arn: key.arn, rotation };
}

/** Pulumi shows an error's message alone: the key, and the service's code in front, as the CLI prints them. */
function told(key: string, error: unknown): unknown {
  return isKmsError(error) ? new Error(`${key}: ${kmsErrorText(error)}`, { cause: error }) : error;
}

export function desiredOf(inputs: RotationPolicyInputs, env: Env): DesiredKey {
  const { desired, failures } = checkInputs(inputs, env);
  if (!desired) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
  return desired;
}

/** The `endpoint` input as the client uses it: trimmed, and blank is no endpoint (as the CLI's flag). */
export function endpointOf(inputs: { readonly endpoint?: string | undefined }): string | undefined {
  const endpoint = inputs.endpoint?.trim();
  return endpoint === "" ? undefined : endpoint;
}

/**
 * The endpoint input as diff compares it: scheme and host[:port] as the URL reads them, so a trailing
 * `/` or an upper-case host is no change (which names the same machine, DNS aside, apply's lock knows).
 */
export function endpointIdentity(inputs: { readonly endpoint?: string | undefined }): string | undefined {
  const endpoint = endpointOf(inputs);
  if (endpoint === undefined) return undefined;
  const parsed = parseEndpoint(endpoint);
  return "endpoint" in parsed ? `${parsed.endpoint.protocol}://${parsed.endpoint.host}` : endpoint;
}

// The CLI's choice of credentials: the standard chain, and for an emulator on this machine its defaults
// only when the chain's local sources yield nothing. The chain reads process.env itself, as the CLI's does.
function clientFor(region: string, given: string | undefined) {
  const endpoint = endpointOf({ endpoint: given });
  const credential = loopbackChain(endpoint);
  return createKms({ region, ...(endpoint ? { endpoint } : {}), ...(credential ? { credential } : {}) });
}
