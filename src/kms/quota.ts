// The request rates the tool keeps to in each region: one figure per operation group, grouped as the
// service's Limits page groups them (and as the emulator enforces them).

import { parseRates } from "../model/rates.js";

export type OperationGroup = "read" | "write" | "create";

export const OPERATION_GROUPS: readonly OperationGroup[] = ["read", "write", "create"];

/** Requests per second per operation group. */
export type Quota = Readonly<Record<OperationGroup, number>>;

/** The service's published legacy quota; accounts on the current generation may raise it (50/30/10). */
export const DEFAULT_QUOTA: Quota = { read: 20, write: 10, create: 10 };

const READ = /^(Describe|List|Get)/;
const WRITE = /^(Update|Delete|Enable|Disable|Schedule|Cancel|Tag|Untag)/;
const WRITE_CREATES = new Set(["CreateKeyVersion", "CreateAlias"]);

/** The group whose quota a KMS action draws on; anything unknown is paced as a write (the stricter). */
export function operationGroup(action: string): OperationGroup {
  if (action === "CreateKey") return "create";
  if (WRITE_CREATES.has(action) || WRITE.test(action)) return "write";
  if (READ.test(action)) return "read";
  return "write";
}

/**
 * `--qps` and friends: `20` sets every group, `read=50,write=30` sets those named (the rest keep `base`).
 * Returns a message for people when the text is not that. The grammar is the emulator's too (rates.ts).
 */
export function parseQuota(text: string, base: Quota = DEFAULT_QUOTA): Quota | string {
  const rates = parseRates(text, { groups: OPERATION_GROUPS, whole: false, max: 100_000 });
  if ("problem" in rates) return rates.problem;
  if ("every" in rates) return { read: rates.every, write: rates.every, create: rates.every };
  return { ...base, ...rates.each };
}

export function formatQuota(quota: Quota): string {
  return OPERATION_GROUPS.map((g) => `${g}=${quota[g]}`).join(",");
}
