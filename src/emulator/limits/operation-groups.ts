// Which request quota an action draws on, as the service's Limits page groups them.

export type OperationGroup = "read" | "write" | "create" | "crypto";

export const OPERATION_GROUPS: readonly OperationGroup[] = ["read", "write", "create", "crypto"];

/** The cryptographic operations: their own quota (the service's asymmetric default is 200 per second). */
const CRYPTO = new Set(["GetPublicKey", "AsymmetricSign", "AsymmetricVerify"]);

const READ = /^(Describe|List|Get)/;
const WRITE = /^(Update|Delete|Enable|Disable|Schedule|Cancel|Tag|Untag)/;
const WRITE_CREATES = new Set(["CreateKeyVersion", "CreateAlias"]);

/** Undefined for actions outside the four groups (they are not throttled here). */
export function operationGroup(action: string): OperationGroup | undefined {
  if (action === "CreateKey") return "create";
  if (CRYPTO.has(action)) return "crypto";
  if (WRITE_CREATES.has(action) || WRITE.test(action)) return "write";
  if (READ.test(action)) return "read";
  return undefined;
}
