// The state table of kms-api.md: which key states each action refuses, and with which 409.

import { rejected } from "./errors.js";
import type { KeyRecord, KeyState } from "./types.js";

type Gate = Partial<Record<KeyState, string>>;

const ROTATE: Gate = {
  Disabled: "Rejected.Disabled",
  PendingDeletion: "Rejected.PendingDeletion",
  PendingImport: "Rejected.PendingImport",
};
const EDIT: Gate = { PendingDeletion: "Rejected.PendingDeletion" };
const TOGGLE: Gate = {
  PendingDeletion: "Rejected.StateModifiedFailed",
  PendingImport: "Rejected.StateModifiedFailed",
};
const SCHEDULE: Gate = { PendingDeletion: "Rejected.StateModifiedFailed" };
const CANCEL: Gate = {
  Enabled: "Rejected.StateModifiedFailed",
  Disabled: "Rejected.StateModifiedFailed",
  PendingImport: "Rejected.StateModifiedFailed",
};

/** Actions absent here accept a key in any state. */
const GATES: Readonly<Record<string, Gate>> = {
  CreateKeyVersion: ROTATE,
  UpdateRotationPolicy: ROTATE,
  // kms-api.md: the crypto operations are gated as CreateKeyVersion.
  GetPublicKey: ROTATE,
  AsymmetricSign: ROTATE,
  AsymmetricVerify: ROTATE,
  UpdateKeyDescription: EDIT,
  TagResource: EDIT,
  UntagResource: EDIT,
  EnableKey: TOGGLE,
  DisableKey: TOGGLE,
  ScheduleKeyDeletion: SCHEDULE,
  CreateAlias: SCHEDULE,
  UpdateAlias: SCHEDULE,
  CancelKeyDeletion: CANCEL,
};

const MESSAGES: Readonly<Record<string, string>> = {
  "Rejected.Disabled": "The key is disabled.",
  "Rejected.PendingDeletion": "The key is pending deletion.",
  "Rejected.PendingImport": "The key is pending import of its key material.",
  "Rejected.StateModifiedFailed": "The key's state does not allow this operation.",
};

export function checkGate(action: string, key: KeyRecord): void {
  const code = GATES[action]?.[key.state];
  if (code) throw rejected(code, `${MESSAGES[code] ?? "Rejected."} (KeyState ${key.state})`);
}
