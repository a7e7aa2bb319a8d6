// DescribeKey's KeyMetadata in the service's PascalCase shape, with every field kms-api.md lists.

import { keyArn } from "./resolve.js";
import { nextRotation, rotationStatus } from "./rotation.js";
import { lastRotation } from "./state.js";
import { formatInstant } from "./time.js";
import type { Body, Context, KeyRecord } from "./types.js";

export function keyMetadata(key: KeyRecord, ctx: Context): Body {
  const status = rotationStatus(key);
  const next = nextRotation(key);
  const primary = key.versions[key.versions.length - 1];
  return {
    KeyId: key.keyId,
    Arn: keyArn(ctx, key.keyId),
    KeyState: key.state,
    KeySpec: key.spec,
    KeyUsage: key.usage,
    Origin: key.origin,
    ProtectionLevel: key.protectionLevel,
    Creator: key.creator,
    Description: key.description,
    CreationDate: formatInstant(key.created),
    // As recordings of the service show: present and empty on keys that have none.
    DeleteDate:
      key.state === "PendingDeletion" && key.deleteDate !== undefined ? formatInstant(key.deleteDate) : "",
    ...(primary ? { PrimaryKeyVersion: primary.id } : {}),
    LastRotationDate: formatInstant(lastRotation(key)),
    AutomaticRotation: status,
    ...(key.rotation && next !== undefined
      ? { RotationInterval: `${key.rotation.interval}s`, NextRotationDate: formatInstant(next) }
      : {}),
    MaterialExpireTime: "",
    DeletionProtection: "Disabled",
    // DeletionProtectionDescription is absent when none is set; DKMSInstanceId is "" on shared keys.
    DKMSInstanceId: key.dkmsInstanceId ?? "",
  };
}
