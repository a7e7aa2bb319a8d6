// A key as DescribeKey shows it, for the pure planner tests: an enabled symmetric key of the shared KMS,
// made by a user and not rotating; each test states what differs (identity, dates, spec, rotation).

import type { ObservedKey } from "../../src/model/index.js";

export function observedKey(
  over: Partial<ObservedKey> & Pick<ObservedKey, "keyId" | "creationDate">,
): ObservedKey {
  return {
    arn: `acs:kms:cn-hangzhou:1234567890123456:key/${over.keyId}`,
    region: "cn-hangzhou",
    keyState: "Enabled",
    keySpec: "Aliyun_AES_256",
    keyUsage: "ENCRYPT/DECRYPT",
    origin: "Aliyun_KMS",
    protectionLevel: "SOFTWARE",
    creatorType: "User",
    automaticRotation: "Disabled",
    ...over,
  };
}
