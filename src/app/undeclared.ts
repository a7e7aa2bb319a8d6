// The keys a session's file does not declare, in the (account, region) units it declares keys in: what
// `drift --include-unmanaged` and `audit --include-unmanaged` read, listed once here for both.

import type { InventoryKey } from "../observe/inventory.js";
import { inventory } from "../observe/inventory.js";
import { unitsOf } from "../plan/index.js";
import type { Resolved } from "./options.js";
import type { Session } from "./session.js";

/** One unit's keys that no declared key resolved to; `account` as the unit names it. */
export interface UndeclaredKeys {
  readonly account: string | undefined;
  readonly keys: readonly InventoryKey[];
}

/**
 * Lists every unit of the session's keys (ListKeys and ListAliases pages), then describes each key that
 * no declared key resolved to, with its tags when `withTags` (ignore rules by tag need them).
 */
export async function undeclaredKeys(
  session: Session,
  run: Resolved,
  options: { readonly withTags: boolean },
): Promise<UndeclaredKeys[]> {
  const { connection, observations } = session;
  const declaredIds = new Set(observations.flatMap((o) => (o.found === true ? [o.key.keyId] : [])));
  const units = unitsOf(session.keys);
  const perUnit = await Promise.all(
    units.map(({ region, account }) =>
      inventory(connection.kmsFor(region, account), {
        concurrency: session.concurrency,
        signal: run.signal,
        withTags: options.withTags,
        skip: declaredIds,
      }),
    ),
  );
  return units.map(({ account }, i) => ({ account, keys: perUnit[i] ?? [] }));
}
