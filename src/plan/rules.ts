// Which rotation a key supports, as one table keyed by what DescribeKey shows (creator, origin, spec,
// private key store). A newer service generation is added as rows here, not as branches elsewhere.

import {
  type BlockedCode,
  isSymmetricSpec,
  MAX_AUTOMATIC_INTERVAL,
  MAX_KEY_VERSIONS,
  MIN_ROTATION_INTERVAL,
  type ObservedKey,
} from "../model/index.js";

export type Support =
  | { readonly supported: true; readonly minInterval: number; readonly maxInterval?: number }
  | { readonly supported: false; readonly code: BlockedCode; readonly message: string };

export interface KeyRules {
  readonly automatic: Support;
  readonly manual: Support & { readonly versionCap?: number };
}

interface Row {
  readonly name: string;
  readonly matches: (key: ObservedKey) => boolean;
  readonly rules: KeyRules;
}

const automaticOk: Support = {
  supported: true,
  minInterval: MIN_ROTATION_INTERVAL,
  maxInterval: MAX_AUTOMATIC_INTERVAL,
};
const manualOk = {
  supported: true,
  minInterval: MIN_ROTATION_INTERVAL,
  versionCap: MAX_KEY_VERSIONS,
} as const;
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

/** First matching row wins. */
const ROWS: readonly Row[] = [
  {
    name: "service-managed",
    matches: (k) => k.creatorType === "Service",
    rules: {
      automatic: noAutomatic("a service-managed key (the service that owns it rotates it)"),
      manual: noManual("a service-managed key (the service that owns it rotates it)"),
    },
  },
  {
    name: "BYOK",
    matches: (k) => k.origin === "EXTERNAL",
    rules: {
      automatic: noAutomatic("a BYOK key (Origin EXTERNAL): import new key material instead"),
      manual: noManual("a BYOK key (Origin EXTERNAL): import new key material instead"),
    },
  },
  {
    name: "symmetric",
    matches: (k) => isSymmetricSpec(k.keySpec),
    rules: { automatic: automaticOk, manual: noManual("a symmetric key: use mode automatic") },
  },
  {
    name: "asymmetric in a private key store",
    matches: (k) => Boolean(k.dkmsInstanceId),
    rules: {
      automatic: noAutomatic("an asymmetric key: use mode manual"),
      manual: noManual("a key in a private key store (KMS instance)"),
    },
  },
  {
    name: "asymmetric",
    matches: () => true,
    rules: { automatic: noAutomatic("an asymmetric key: use mode manual"), manual: manualOk },
  },
];

export function rulesFor(key: ObservedKey): KeyRules {
  const row = ROWS.find((r) => r.matches(key));
  // The last row matches every key.
  return (row as Row).rules;
}
