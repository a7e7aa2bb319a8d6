// The resource's inputs: checked with the same rules as the config file, turned into a DesiredKey.

import {
  type DesiredKey,
  isRegionId,
  parseDuration,
  parseEndpoint,
  parseKeyRef,
  type RotationPolicy,
} from "../model/index.js";
import { intervalProblem } from "../words/interval-text.js";

export interface RotationPolicyInputs {
  /** KeyId, alias/<name>, or acs:kms:<region>:<uid>:key/<KeyId>. */
  readonly key: string;
  /** Defaults to the ARN's region, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION. */
  readonly region?: string;
  /** Another KMS endpoint for this key (a VPC endpoint, an emulator). */
  readonly endpoint?: string;
  readonly rotation: { readonly mode: "automatic" | "manual" | "off"; readonly interval?: string };
}

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export function checkInputs(
  inputs: Partial<RotationPolicyInputs>,
  env: Readonly<Record<string, string | undefined>>,
): { desired?: DesiredKey; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const parsed = typeof inputs.key === "string" ? parseKeyRef(inputs.key) : { error: "key is required" };
  if ("error" in parsed) failures.push({ property: "key", reason: parsed.error });
  const arnRegion = "ref" in parsed && parsed.ref.kind === "arn" ? parsed.ref.region : undefined;
  const region = inputs.region ?? arnRegion ?? env.ALIBABA_CLOUD_REGION_ID ?? env.ALICLOUD_REGION;
  if (region === undefined)
    failures.push({ property: "region", reason: "region is required (or name the key by ARN)" });
  else if (!isRegionId(region))
    failures.push({ property: "region", reason: `"${region}" is not a region id` });
  else if (arnRegion && region !== arnRegion) {
    failures.push({ property: "region", reason: `the key's ARN is in ${arnRegion}, not ${region}` });
  }
  const endpoint = inputs.endpoint?.trim();
  if (endpoint) {
    const parsed = parseEndpoint(endpoint);
    if ("problem" in parsed) failures.push({ property: "endpoint", reason: parsed.problem });
  }
  const rotation = checkRotation(inputs.rotation, failures);
  if (failures.length > 0 || !("ref" in parsed) || !rotation || !region) return { failures };
  return { desired: { key: inputs.key as string, ref: parsed.ref, region, rotation }, failures };
}

function checkRotation(rotation: RotationPolicyInputs["rotation"] | undefined, failures: CheckFailure[]) {
  const fail = (property: string, reason: string) => {
    failures.push({ property, reason });
    return undefined;
  };
  if (!rotation || !["automatic", "manual", "off"].includes(rotation.mode)) {
    return fail("rotation.mode", "rotation.mode must be automatic, manual or off");
  }
  if (rotation.mode === "off") {
    return rotation.interval === undefined
      ? ({ mode: "off" } as RotationPolicy)
      : fail("rotation.interval", "off takes no interval");
  }
  const seconds = rotation.interval === undefined ? undefined : parseDuration(rotation.interval);
  if (seconds === undefined)
    return fail("rotation.interval", "interval must be <integer><d|h|m|s>, e.g. 90d");
  const problem = intervalProblem(rotation.mode, rotation.interval as string, seconds);
  if (problem !== undefined) return fail("rotation.interval", problem);
  return { mode: rotation.mode, interval: seconds } as RotationPolicy;
}
