// The service's rotation rules as the emulator enforces them: one table keyed by what the service knows of
// a key (creator, origin, spec, KMS instance and its type), both generations of the service as rows.
//
// This file is the oracle the planner is tested against. It states the service's numbers itself, from
// the service's pages (kms-api.md), and on purpose imports nothing of the planner's (src/plan/rules.ts)
// nor shares a table or a constant with it: if the two ever disagree, the tests that drive the planner
// against this emulator must fail, which they could not if both read one table.

import { SYMMETRIC_SPECS } from "./key-spec-rules.js";

const DAY = 86_400;

/** The service's numbers, in seconds and versions. */
export const SERVICE_RULES = {
  /** Shared KMS (the seed pages): UpdateRotationPolicy accepts 7 to 730 days. */
  sharedAutomatic: { min: 7 * DAY, max: 730 * DAY },
  /** Shared KMS: CreateKeyVersion at least 7 days after the last version, 50 versions per key. */
  sharedManual: { minGap: 7 * DAY, maxVersions: 50 },
  /** KMS instances of the software type (KMS 3.0 pages): automatic rotation every 7 to 365 days. */
  instanceAutomatic: { min: 7 * DAY, max: 365 * DAY },
  // KMS 3.0 documents no minimum gap and no version cap for CreateKeyVersion (each version uses one
  // unit of the instance's key quota instead), so the emulator enforces none.
} as const;

const SYMMETRIC: ReadonlySet<string> = new Set(SYMMETRIC_SPECS);

export type InstanceType = "software" | "hsm";

export type AutomaticSupport =
  | { readonly supported: true; readonly minInterval: number; readonly maxInterval: number }
  | { readonly supported: false; readonly message: string };

export type ManualSupport =
  | { readonly supported: true; readonly minGap: number; readonly maxVersions?: number }
  | { readonly supported: false; readonly message: string };

export interface RuleSubject {
  readonly spec: string;
  readonly origin: string;
  readonly dkmsInstanceId?: string;
  /** The type of the instance named by `dkmsInstanceId`. */
  readonly instanceType?: InstanceType;
  readonly serviceManaged: boolean;
}

interface Row {
  readonly name: string;
  readonly matches: (key: RuleSubject) => boolean;
  readonly automatic: AutomaticSupport;
  readonly manual: ManualSupport;
}

const automatic = (range: { min: number; max: number }): AutomaticSupport => ({
  supported: true,
  minInterval: range.min,
  maxInterval: range.max,
});
const no = (message: string) => ({ supported: false, message }) as const;
const symmetric = (k: RuleSubject) => SYMMETRIC.has(k.spec);
const inInstance = (k: RuleSubject) => k.dkmsInstanceId !== undefined;

/** First matching row wins. */
const ROWS: readonly Row[] = [
  {
    name: "service-managed",
    matches: (k) => k.serviceManaged,
    automatic: no("The operation is not supported for a service-managed key."),
    manual: no("The operation is not supported for a service-managed key."),
  },
  {
    name: "BYOK (Origin EXTERNAL)",
    matches: (k) => k.origin === "EXTERNAL",
    automatic: no("Automatic rotation is not supported for a key with imported material (Origin EXTERNAL)."),
    manual: no("CreateKeyVersion is not supported for a key with imported material (Origin EXTERNAL)."),
  },
  {
    name: "in an HSM KMS instance",
    matches: (k) => inInstance(k) && k.instanceType === "hsm",
    automatic: no("Keys in a KMS instance of the hardware (HSM) type do not support rotation."),
    manual: no("Keys in a KMS instance of the hardware (HSM) type do not support CreateKeyVersion."),
  },
  {
    name: "asymmetric in a KMS instance",
    matches: (k) => inInstance(k) && !symmetric(k),
    automatic: no("Automatic rotation is not supported for an asymmetric key."),
    manual: no("CreateKeyVersion is not supported for an asymmetric key in a KMS instance."),
  },
  {
    name: "symmetric in a software KMS instance",
    matches: (k) => inInstance(k),
    automatic: automatic(SERVICE_RULES.instanceAutomatic),
    manual: { supported: true, minGap: 0 },
  },
  {
    name: "symmetric",
    matches: symmetric,
    automatic: automatic(SERVICE_RULES.sharedAutomatic),
    manual: no("CreateKeyVersion is supported only for asymmetric keys; this key is symmetric."),
  },
  {
    name: "asymmetric",
    matches: () => true,
    automatic: no("Automatic rotation is not supported for an asymmetric key."),
    manual: { supported: true, ...SERVICE_RULES.sharedManual },
  },
];

export function rulesFor(key: RuleSubject): Row {
  const row = ROWS.find((candidate) => candidate.matches(key));
  if (!row) throw new Error("the rules table has no catch-all row");
  return row;
}

export function isSymmetric(spec: string): boolean {
  return SYMMETRIC.has(spec);
}

/** The instance type a key's ProtectionLevel implies, for keys whose instance was never declared. */
export function instanceTypeOfLevel(protectionLevel: string): InstanceType {
  return protectionLevel === "HSM" ? "hsm" : "software";
}
