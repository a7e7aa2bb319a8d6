// The account rules the schema cannot say: one source of credentials per account, a role of the account
// it is listed under, and which account a key belongs to (its own, its ARN's, or `defaults.account`).

import type { KeyRef } from "../model/config.js";
import { isRecord, type RuleContext, soundString, valueAt } from "./context.js";
import { atPath, type Path, type PathProblem } from "./path.js";

const ACCOUNTS: Path = ["provider", "alibaba", "accounts"];

/** What a key's account rule needs to know about the rest of the file. */
export interface AccountScope {
  /** False when a broken part of the file (defaults, accounts) might have changed the answer. */
  readonly known: boolean;
  readonly defaultAccount?: string;
  /** The uids of `provider.alibaba.accounts`, when the file lists any. */
  readonly listed?: ReadonlySet<string>;
}

export function accountScope(ctx: RuleContext): AccountScope {
  const defaultsRaw = valueAt(ctx.root, ["defaults"]);
  const accountsRaw = valueAt(ctx.root, ACCOUNTS);
  const known =
    (defaultsRaw === undefined || ctx.sound(["defaults"])) &&
    (accountsRaw === undefined || ctx.sound(ACCOUNTS) || isRecord(accountsRaw));
  const defaultAccount = soundString(ctx, ["defaults", "account"]);
  return {
    known,
    ...(defaultAccount === undefined ? {} : { defaultAccount }),
    ...(isRecord(accountsRaw) ? { listed: new Set(Object.keys(accountsRaw)) } : {}),
  };
}

/** Problems with the entries of `provider.alibaba.accounts` themselves. */
export function checkAccounts(ctx: RuleContext): PathProblem[] {
  const raw = valueAt(ctx.root, ACCOUNTS);
  if (!isRecord(raw)) return [];
  const problems: PathProblem[] = [];
  for (const [uid, entry] of Object.entries(raw)) {
    const path = [...ACCOUNTS, uid];
    if (!isRecord(entry) || !ctx.sound(path)) continue;
    const report = (at: Path, message: string) => problems.push({ path: at, message: atPath(at, message) });
    if (entry.profile !== undefined && entry.roleArn !== undefined) {
      report(path, "give either profile or roleArn, not both: one account has one source of credentials");
    }
    const roleArn = soundString(ctx, [...path, "roleArn"]);
    const roleAccount = roleArn?.split(":")[3];
    if (roleAccount !== undefined && roleAccount !== uid) {
      report(
        [...path, "roleArn"],
        `the role is in account ${roleAccount}, not ${uid}: list it under the account it belongs to`,
      );
    }
    if (entry.stsEndpoint !== undefined && entry.roleArn === undefined) {
      report([...path, "stsEndpoint"], "stsEndpoint is used only with roleArn");
    }
  }
  return problems;
}

export type AccountReport = (path: Path, message: string) => void;

/** The key's account, or undefined when none applies or it is wrong (then reported). */
export function keyAccount(
  ctx: RuleContext,
  scope: AccountScope,
  base: Path,
  ref: KeyRef,
  report: AccountReport,
): { readonly account?: string; readonly ok: boolean } {
  const path = [...base, "account"];
  const own = valueAt(ctx.root, path) === undefined ? undefined : soundString(ctx, path);
  if (valueAt(ctx.root, path) !== undefined && own === undefined) return { ok: false };
  if (own !== undefined && ref.kind === "arn" && own !== ref.account) {
    report(
      path,
      `the key's ARN is in account ${ref.account}, not ${own}: remove account or make the two agree`,
    );
    return { ok: false };
  }
  const account = ref.kind === "arn" ? ref.account : (own ?? scope.defaultAccount);
  if (!scope.known) return { ok: false };
  if (scope.listed === undefined) return { ok: true, ...(account === undefined ? {} : { account }) };
  if (account === undefined) {
    report(
      [...base, "key"],
      "has no account: set account on the key or defaults.account to one of provider.alibaba.accounts",
    );
    return { ok: false };
  }
  if (!scope.listed.has(account)) {
    const from = own !== undefined ? "" : ref.kind === "arn" ? " (from its ARN)" : " (from defaults.account)";
    report(
      own !== undefined ? path : [...base, "key"],
      `account ${account}${from} is not listed in provider.alibaba.accounts`,
    );
    return { ok: false };
  }
  return { ok: true, account };
}
