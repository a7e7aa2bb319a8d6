// A key belongs to the account and region it is declared in (CONTRACT §3/§4). What KMS answered with is
// checked against that before anything is decided: credentials or an endpoint of another account (or
// region) would otherwise have the tool read, and then write, a key that is not the declared one.

import { arnOwner, type ObservedKey, type OwnerMismatch } from "../model/index.js";

/** Where a key is declared: its region, and its account when the file names or implies one. */
export interface DeclaredOwner {
  readonly region?: string;
  readonly account?: string;
}

export const ACCOUNT_MISMATCH = "AccountMismatch";
export const REGION_MISMATCH = "RegionMismatch";

/**
 * Why the key KMS answered with is not the declared one, or undefined when its ARN agrees (or names
 * nothing to compare). The key is then not read at all: an `error` entry, never a write.
 */
export function foreignKey(
  declared: DeclaredOwner,
  key: Pick<ObservedKey, "arn">,
): OwnerMismatch | undefined {
  const owner = arnOwner(key.arn);
  if (owner === undefined) return undefined;
  if (declared.account !== undefined && owner.account !== declared.account) {
    return { code: ACCOUNT_MISMATCH, declared: declared.account, reached: owner.account, arn: key.arn };
  }
  if (declared.region !== undefined && owner.region !== declared.region) {
    return { code: REGION_MISMATCH, declared: declared.region, reached: owner.region, arn: key.arn };
  }
  return undefined;
}
