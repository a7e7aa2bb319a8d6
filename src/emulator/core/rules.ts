// Which rotation a key supports, as one table keyed by what DescribeKey shows (creator, origin, spec,
// private key store). A newer service generation (keys in KMS instances) is added as rows here.

import { MAX_AUTOMATIC_INTERVAL, MIN_ROTATION_INTERVAL } from "../../model/duration.js";
import { isSymmetricSpec, MAX_KEY_VERSIONS } from "../../model/key-spec.js";

export type AutomaticSupport =
  | { readonly supported: true; readonly minInterval: number; readonly maxInterval: number }
  | { readonly supported: false; readonly message: string };

export type ManualSupport =
  | { readonly supported: true; readonly minGap: number; readonly maxVersions: number }
  | { readonly supported: false; readonly message: string };

export interface RuleSubject {
  readonly spec: string;
  readonly origin: string;
  readonly dkmsInstanceId?: string;
  readonly serviceManaged: boolean;
}

interface Row {
  readonly name: string;
  readonly matches: (key: RuleSubject) => boolean;
  readonly automatic: AutomaticSupport;
  readonly manual: ManualSupport;
}

const AUTOMATIC: AutomaticSupport = {
  supported: true,
  minInterval: MIN_ROTATION_INTERVAL,
  maxInterval: MAX_AUTOMATIC_INTERVAL,
};
const MANUAL: ManualSupport = {
  supported: true,
  minGap: MIN_ROTATION_INTERVAL,
  maxVersions: MAX_KEY_VERSIONS,
};
const no = (message: string) => ({ supported: false, message }) as const;

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
    name: "symmetric",
    matches: (k) => isSymmetricSpec(k.spec),
    automatic: AUTOMATIC,
    manual: no("CreateKeyVersion is supported only for asymmetric keys; this key is symmetric."),
  },
  {
    name: "asymmetric in a private key store",
    matches: (k) => k.dkmsInstanceId !== undefined,
    automatic: no("Automatic rotation is not supported for an asymmetric key."),
    manual: no("CreateKeyVersion is not supported for a key in a private key store (KMS instance)."),
  },
  {
    name: "asymmetric",
    matches: () => true,
    automatic: no("Automatic rotation is not supported for an asymmetric key."),
    manual: MANUAL,
  },
];

export function rulesFor(key: RuleSubject): Row {
  const row = ROWS.find((candidate) => candidate.matches(key));
  if (!row) throw new Error("the rules table has no catch-all row");
  return row;
}
