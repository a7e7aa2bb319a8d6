// One credential source per account of `provider.alibaba.accounts`, made once and shared by that
// account's regions, so credentials are resolved once per account and never cross accounts.

import type { AccountConfig } from "../model/config.js";
import { roleSource } from "./assume-role.js";
import { type CredentialSource, defaultChain, once, profileSource, withAccount } from "./credentials.js";

/** The source for an account, or undefined for keys outside `accounts` (the caller's default applies). */
export type AccountSources = (account: string | undefined) => CredentialSource | undefined;

export function accountSources(
  accounts: Readonly<Record<string, AccountConfig>>,
  options: { readonly timeoutMs?: number } = {},
): AccountSources {
  // The chain is resolved once too: it signs every AssumeRole and serves accounts that name no source.
  let chain: CredentialSource | undefined;
  const sharedChain = () => {
    chain ??= once(defaultChain());
    return chain;
  };
  const made = new Map<string, CredentialSource>();
  return (account) => {
    const config = account === undefined ? undefined : accounts[account];
    if (account === undefined || config === undefined) return undefined;
    let source = made.get(account);
    if (!source) {
      source = config.profile
        ? profileSource(account, config.profile)
        : config.roleArn
          ? roleSource({
              account,
              roleArn: config.roleArn,
              base: sharedChain(),
              ...(config.stsEndpoint ? { stsEndpoint: config.stsEndpoint } : {}),
              ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
            })
          : withAccount(account, sharedChain());
      made.set(account, source);
    }
    return source;
  };
}
