// The synthetic fleet the planner benches share: declared keys (every fourth one manual) and what KMS
// would show for each, as plain data, so each bench varies only what it measures.

const DAY = 86400;

/** `n` keys `alias/<prefix>-<i>` in cn-hangzhou: automatic every 90 days, every fourth manual. */
export function desiredKeys(n, { prefix = "bench", manualInterval = 90 * DAY } = {}) {
  return Array.from({ length: n }, (_, i) => ({
    key: `alias/${prefix}-${i}`,
    ref: { kind: "alias", alias: `alias/${prefix}-${i}` },
    region: "cn-hangzhou",
    rotation:
      i % 4 === 3 ? { mode: "manual", interval: manualInterval } : { mode: "automatic", interval: 90 * DAY },
  }));
}

/** Key `i` as DescribeKey would show it: a signing key where the declaration is manual; `overrides` last. */
export function observedKey(i, overrides = {}) {
  return {
    found: true,
    key: {
      keyId: `k-${i}`,
      arn: `acs:kms:cn-hangzhou:1:key/k-${i}`,
      region: "cn-hangzhou",
      keyState: "Enabled",
      keySpec: i % 4 === 3 ? "RSA_2048" : "Aliyun_AES_256",
      keyUsage: "ENCRYPT/DECRYPT",
      origin: "Aliyun_KMS",
      protectionLevel: "SOFTWARE",
      creatorType: "User",
      automaticRotation: "Disabled",
      creationDate: "2025-01-01T00:00:00Z",
      lastRotationDate: "2025-01-01T00:00:00Z",
      versionCount: 3,
      ...overrides,
    },
  };
}

/** Half the keys already rotating automatically every 90 days, half not rotating. */
export const halfRotating = (i) =>
  i % 2 ? { automaticRotation: "Enabled", rotationInterval: 90 * DAY } : { rotationInterval: undefined };
