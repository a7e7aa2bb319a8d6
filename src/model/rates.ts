// The `--qps` grammar, one for the client and the emulator: `<n>` sets every group, `read=<n>,write=<n>`
// sets the groups named, each at most once (a second one is refused). Each caller brings its own table of groups (the emulator's has
// `crypto`) and the numbers it takes (the emulator's windows count whole requests).

export interface RateGrammar<G extends string> {
  readonly groups: readonly G[];
  /** Whole numbers only (from 1), or any positive number with a decimal part. */
  readonly whole: boolean;
  readonly max: number;
}

export type Rates<G extends string> =
  | { readonly every: number }
  | { readonly each: Readonly<Partial<Record<G, number>>> };

export function parseRates<G extends string>(
  text: string,
  grammar: RateGrammar<G>,
): Rates<G> | { readonly problem: string } {
  const every = rateOf(text.trim(), grammar);
  if (every !== undefined) return { every };
  const each: Partial<Record<G, number>> = {};
  for (const part of text.split(",")) {
    const [name, value, extra] = part.trim().split("=");
    const group = grammar.groups.find((g) => g === name);
    const n = value === undefined ? undefined : rateOf(value.trim(), grammar);
    if (!group || n === undefined || extra !== undefined || group in each)
      return { problem: problemOf(text, grammar) };
    each[group] = n;
  }
  return { each };
}

function rateOf(value: string, { whole, max }: RateGrammar<string>): number | undefined {
  const n = Number(value);
  return (whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) && n > 0 && n <= max ? n : undefined;
}

function problemOf(text: string, { groups, whole, max }: RateGrammar<string>): string {
  const shape = groups.map((g) => `${g}=<n>`).join(",");
  const numbers = whole ? `with whole numbers from 1 to ${max}` : "with positive numbers";
  return `expected a number or ${shape} ${numbers} (got "${text}")`;
}
