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
  type BlockedCode,
  formatDuration,
  isSymmetricSpec,
  MAX_AUTOMATIC_INTERVAL,
  MAX_INSTANCE_AUTOMATIC_INTERVAL,
  MAX_KEY_VERSIONS,
  MIN_ROTATION_INTERVAL,
  type ObservedKey,
} from "../model/index.js";

export type Support =
  | {
      readonly supported: true;
      readonly minInterval: number;
      readonly maxInterval?: number;
      /** Whose range this is, for messages: "for a key in a KMS instance". */
      readonly scope: string;
    }
  | { readonly supported: false; readonly code: BlockedCode; readonly message: string };

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

const INSTANCE_SCOPE = "for a key in a KMS instance";
const SHARED_SCOPE = "for a key outside a KMS instance";
const instanceRange = `${formatDuration(MIN_ROTATION_INTERVAL)} to ${formatDuration(MAX_INSTANCE_AUTOMATIC_INTERVAL)}`;
/** What rotates in a KMS instance, said in every refusal of an instance key. */
const INSTANCE_RULE = `in a KMS instance only symmetric keys of a software instance rotate (automatically every ${instanceRange}, or by CreateKeyVersion)`;

const noAutomatic = (why: string): Support => ({
  supported: false,
  code: "AutomaticRotationUnsupported",
  message: `automatic rotation is not available for ${why}`,
});
const noManual = (why: string): Support => ({
  supported: false,
  code: "ManualRotationUnsupported",
  message: `manual rotation (CreateKeyVersion) is not available for ${why}`,
});
const neither = (rule: string, why: string): KeyRules => ({
  rule,
  automatic: noAutomatic(why),
  manual: noManual(why),
});

const inInstance = (k: ObservedKey) => Boolean(k.dkmsInstanceId);

/** First matching row wins. */
const ROWS: readonly Row[] = [
  {
    matches: (k) => k.creatorType === "Service",
    rules: neither("service-managed", "a service-managed key (the service that owns it rotates it)"),
  },
  {
    matches: (k) => k.origin === "EXTERNAL",
    rules: neither("BYOK", "a BYOK key (Origin EXTERNAL): import new key material instead"),
  },
  {
    matches: (k) => inInstance(k) && k.protectionLevel === "HSM",
    rules: neither(
      "in an HSM KMS instance",
      `a key in an HSM KMS instance (ProtectionLevel HSM): ${INSTANCE_RULE}`,
    ),
  },
  {
    matches: (k) => inInstance(k) && !isSymmetricSpec(k.keySpec),
    rules: neither("asymmetric in a KMS instance", `an asymmetric key in a KMS instance: ${INSTANCE_RULE}`),
  },
  {
    matches: inInstance,
    rules: {
      rule: "symmetric in a software KMS instance",
      automatic: {
        supported: true,
        minInterval: MIN_ROTATION_INTERVAL,
        maxInterval: MAX_INSTANCE_AUTOMATIC_INTERVAL,
        scope: INSTANCE_SCOPE,
      },
      manual: { supported: true, minInterval: MIN_ROTATION_INTERVAL, scope: INSTANCE_SCOPE },
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
        scope: SHARED_SCOPE,
      },
      manual: noManual(
        "a symmetric key outside a KMS instance: use mode automatic (only keys in a software KMS instance take CreateKeyVersion)",
      ),
    },
  },
  {
    matches: () => true,
    rules: {
      rule: "asymmetric",
      automatic: noAutomatic("an asymmetric key: use mode manual"),
      manual: {
        supported: true,
        minInterval: MIN_ROTATION_INTERVAL,
        versionCap: MAX_KEY_VERSIONS,
        scope: SHARED_SCOPE,
      },
    },
  },
];

export function rulesFor(key: ObservedKey): KeyRules {
  const row = ROWS.find((r) => r.matches(key));
  // The last row matches every key.
  return (row as Row).rules;
}
