// A saved plan names each key once and sums its own keys: a key listed twice would be written twice, and a
// summary that disagrees with the keys would show one count for approval and run another. Pure.

import { type KeyPlan, type Plan, summarize } from "../model/index.js";

/** An entry naming a key an earlier entry names (same account and region, and same key or KeyId). */
export interface RepeatedKey {
  readonly first: KeyPlan;
  readonly firstIndex: number;
  readonly again: KeyPlan;
  readonly index: number;
}

export function repeatedKeys(plan: Plan): RepeatedKey[] {
  const seen = new Map<string, number>();
  const repeats: RepeatedKey[] = [];
  plan.keys.forEach((kp, index) => {
    const firstIndex = identities(kp)
      .map((id) => seen.get(id))
      .find((at) => at !== undefined);
    if (firstIndex !== undefined) {
      repeats.push({ first: plan.keys[firstIndex] as KeyPlan, firstIndex, again: kp, index });
      return;
    }
    for (const id of identities(kp)) seen.set(id, index);
  });
  return repeats;
}

/** One line per entry that repeats an earlier one, naming it and where both are. */
export function duplicateKeys(plan: Plan): string[] {
  return repeatedKeys(plan).map(
    (r) =>
      `${r.again.key} (${r.again.region}): listed again at keys[${r.index}] (first at keys[${r.firstIndex}])`,
  );
}

/** The names one entry answers to: its key as written and, once found, its KeyId, in its account+region. */
function identities(kp: KeyPlan): string[] {
  const where = JSON.stringify([kp.account ?? "", kp.region]);
  const ids = [`${where} key ${kp.key}`];
  if (kp.keyId !== undefined) ids.push(`${where} id ${kp.keyId}`);
  return ids;
}

/** A line when the saved summary is not the count of the saved keys' actions. */
export function summaryProblem(plan: Plan): string | undefined {
  const want = summarize(plan.keys);
  const has = plan.summary;
  const fields = ["changes", "blocked", "unchanged", "errors"] as const;
  const wrong = fields.filter((f) => has[f] !== want[f]);
  if (wrong.length === 0) return undefined;
  return `summary: ${wrong.map((f) => `${f} ${has[f]}`).join(", ")}, but the keys give ${wrong.map((f) => `${f} ${want[f]}`).join(", ")}`;
}
