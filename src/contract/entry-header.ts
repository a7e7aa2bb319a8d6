// The fields that open a key's entry in the plan and drift documents, in the contract's order. The JSON
// and the model spell them alike, so one mapping serves both ways.

/** Which key an entry is about: as the config names it, its KeyId once known, its region and account. */
export interface EntryHeader {
  key: string;
  keyId?: string;
  region: string;
  /** The account uid, when the config names one for the key. */
  account?: string;
}

/** `key`, `keyId`, `region`, `account` of `entry`, each optional one only when present. */
export function entryHeader(entry: Readonly<EntryHeader>): EntryHeader {
  return {
    key: entry.key,
    ...(entry.keyId !== undefined ? { keyId: entry.keyId } : {}),
    region: entry.region,
    ...(entry.account !== undefined ? { account: entry.account } : {}),
  };
}
