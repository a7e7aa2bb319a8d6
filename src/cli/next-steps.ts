// What to run next after a command saved a file (a plan, an imported config), as Terraform says it: notes
// on stderr, so stdout stays the report alone whatever its format.

import { hideUserinfo } from "../model/escape.js";
import type { Diagnostic } from "../model/index.js";

/** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `kms-rotation <args>`, with the --endpoint of this run (its password hidden) when one was given. */
function command(args: readonly string[], endpoint: string | undefined): string {
  const flags = endpoint === undefined ? [] : ["--endpoint", hideUserinfo(endpoint)];
  return ["kms-rotation", ...args, ...flags].map(shellWord).join(" ");
}

const note = (message: string, details?: string[]): Diagnostic => ({
  severity: "note",
  code: "next-step",
  message,
  ...(details ? { details } : {}),
});

/** After `plan --out`: where the plan is and the command that applies exactly it. */
export function savedPlanNotes(out: string, changes: number, endpoint: string | undefined): Diagnostic[] {
  if (changes === 0) return [note(`Saved the plan to: ${out}; it has no changes to apply.`)];
  return [
    note(`Saved the plan to: ${out}`),
    note(""),
    note("To perform exactly these actions, run the following command to apply:", [
      `  ${command(["apply", out], endpoint)}`,
    ]),
  ];
}

/** After `import --out`: where the config is and how to see that it matches KMS. */
export function importedConfigNotes(out: string, keys: number, endpoint: string | undefined): Diagnostic[] {
  return [
    note(`Wrote a config declaring ${keys === 1 ? "1 key" : `${keys} keys`} to: ${out}`),
    note(""),
    note("To check that it matches KMS (the plan should show no changes), run:", [
      `  ${command(["plan", out], endpoint)}`,
    ]),
  ];
}

/** After `publish --out`: what was written where, and that it goes where verifiers fetch it. */
export function publishedNotes(out: string, keys: number, versions: number): Diagnostic[] {
  const what = `${versions === 1 ? "1 verification key" : `${versions} verification keys`} of ${keys === 1 ? "1 signing key" : `${keys} signing keys`}`;
  return [note(`Wrote ${what} to: ${out}; publish it where verifiers fetch it (docs/signing.md)`)];
}
