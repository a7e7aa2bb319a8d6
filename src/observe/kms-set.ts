// The KMS clients an operation uses: one per (account, region), since each is its own endpoint, quota
// and, across accounts, credentials.

import type { Kms } from "../kms/types.js";

/** `account` absent: the keys of the default credential chain. */
export type KmsForRegion = (region: string, account?: string) => Kms;

/** Read concurrency per region unless the caller says otherwise. */
export const DEFAULT_CONCURRENCY = 16;
