// The KMS clients an operation uses: one per region, since each region is its own endpoint and quota.

import type { Kms } from "../kms/types.js";

export type KmsForRegion = (region: string) => Kms;

/** Read concurrency per region unless the caller says otherwise. */
export const DEFAULT_CONCURRENCY = 16;
