// Which rotation a key supports, as one table keyed by what DescribeKey shows: creator, origin, spec,
// KMS instance (DKMSInstanceId) and ProtectionLevel. Each generation of the service is a set of rows.
//
// Shared KMS (the seed pages): symmetric keys rotate automatically every 7d..730d; asymmetric keys by
// CreateKeyVersion, at least 7 days apart, at most 50 versions. Keys in a KMS instance (KMS 3.0): only
// symmetric keys of a software instance rotate, automatically every 7d..365d or by CreateKeyVersion;
// keys of an HSM instance and asymmetric instance keys do neither. DescribeKey does not show the
// instance's type, but ProtectionLevel follows it (HSM for a hardware instance).
// Manual rotation of instance keys keeps our 7-day floor (our safety rule: the KMS 3.0 pages document no
// minimum) and has no version cap (none is documented; each version uses one unit of the instance's key
// quota, which the service reports itself if it runs out).

import {
  type BlockedReason,
  isSymmetricSpec,
  type KeyKind,
  MAX_AUTOMATIC_INTERVAL,
  MAX_INSTANCE_AUTOMATIC_INTERVAL,
  MAX_KEY_VERSIONS,
  MIN_ROTATION_INTERVAL,
  type ObservedKey,
  type RangeScope,
} from "../model/index.js";

export type Support =
  | {
      readonly supported: true;
      readonly minInterval: number;
      readonly maxInterval?: number;
      /** Whose range this is, for the reason when an interval is outside it. */
      readonly scope: RangeScope;
    }
  | { readonly supported: false; readonly reason: BlockedReason };

export interface KeyRules {
  /** The row that matched, for people: "symmetric in a software KMS instance". */
  readonly rule: string;
  readonly automatic: Support;
  readonly manual: Support & { readonly versionCap?: number };
}

interface Row {
  readonly matches: (key: ObservedKey) => boolean;
  readonly rules: KeyRules;
}

const noAutomatic = (keyKind: KeyKind): Support => ({
  supported: false,
  reason: { code: "AutomaticRotationUnsupported", keyKind },
});
const noManual = (keyKind: KeyKind): Support => ({
  supported: false,
  reason: { code: "ManualRotationUnsupported", keyKind },
});
const neither = (rule: string, keyKind: KeyKind): KeyRules => ({
  rule,
  automatic: noAutomatic(keyKind),
  manual: noManual(keyKind),
});

const inInstance = (k: ObservedKey) => Boolean(k.dkmsInstanceId);

/** First matching row wins. */
const ROWS: readonly Row[] = [
  {
    matches: (k) => k.creatorType === "Service",
    rules: neither("service-managed", "service-managed"),
  },
  {
    matches: (k) => k.origin === "EXTERNAL",
    rules: neither("BYOK", "byok"),
  },
  {
    matches: (k) => inInstance(k) && k.protectionLevel === "HSM",
    rules: neither("in an HSM KMS instance", "hsm-instance"),
  },
  {
    matches: (k) => inInstance(k) && !isSymmetricSpec(k.keySpec),
    rules: neither("asymmetric in a KMS instance", "asymmetric-instance"),
  },
  {
    matches: inInstance,
    rules: {
      rule: "symmetric in a software KMS instance",
      automatic: {
        supported: true,
        minInterval: MIN_ROTATION_INTERVAL,
        maxInterval: MAX_INSTANCE_AUTOMATIC_INTERVAL,
        scope: "instance",
      },
      manual: { supported: true, minInterval: MIN_ROTATION_INTERVAL, scope: "instance" },
    },
  },
  {
    matches: (k) => isSymmetricSpec(k.keySpec),
    rules: {
      rule: "symmetric",
      automatic: {
        supported: true,
        minInterval: MIN_ROTATION_INTERVAL,
        maxInterval: MAX_AUTOMATIC_INTERVAL,
        scope: "shared",
      },
      manual: noManual("symmetric-shared"),
    },
  },
  {
    matches: () => true,
    rules: {
      rule: "asymmetric",
      automatic: noAutomatic("asymmetric"),
      manual: {
        supported: true,
        minInterval: MIN_ROTATION_INTERVAL,
        versionCap: MAX_KEY_VERSIONS,
        scope: "shared",
      },
    },
  },
];

export function rulesFor(key: ObservedKey): KeyRules {
  const row = ROWS.find((r) => r.matches(key));
  // The last row matches every key.
  return (row as Row).rules;
}
