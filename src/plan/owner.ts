// A key belongs to the account and region it is declared in (CONTRACT §3/§4). What KMS answered with is
// checked against that before anything is decided: credentials or an endpoint of another account (or
// region) would otherwise have the tool read, and then write, a key that is not the declared one.

import { arnOwner, type ObservedKey, type ReadError } from "../model/index.js";

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
export function foreignKey(declared: DeclaredOwner, key: Pick<ObservedKey, "arn">): ReadError | undefined {
  const owner = arnOwner(key.arn);
  if (owner === undefined) return undefined;
  if (declared.account !== undefined && owner.account !== declared.account) {
    return {
      code: ACCOUNT_MISMATCH,
      message:
        `declared in account ${declared.account}, but the credentials and endpoint for that account ` +
        `reached account ${owner.account} (${key.arn}); not read, nothing written`,
    };
  }
  if (declared.region !== undefined && owner.region !== declared.region) {
    return {
      code: REGION_MISMATCH,
      message:
        `declared in region ${declared.region}, but the endpoint for that region is in ` +
        `${owner.region} (${key.arn}); not read, nothing written`,
    };
  }
  return undefined;
}
