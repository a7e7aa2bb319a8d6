// The standard credential chain reads the environment and files under HOME: tests that decide which
// credentials a run gets start from an empty chain of their own and give the machine's back afterwards.

import { join } from "node:path";
import { afterEach } from "vitest";

/** The variables the chain reads (and HOME, under which its files live). */
const CHAIN_ENV = [
  "HOME",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_ROLE_ARN",
] as const;

type Saved = Record<string, string | undefined>;

export interface EmptyChainOptions {
  /** Point the credentials file at a path that does not exist, so none is met under HOME either. */
  readonly noCredentialsFile?: boolean;
}

function clear(home: string, options: EmptyChainOptions): void {
  for (const key of CHAIN_ENV) delete process.env[key];
  process.env.HOME = home;
  if (options.noCredentialsFile)
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(home, "no-such-credentials");
}

function restore(saved: Saved): void {
  for (const key of CHAIN_ENV) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
}

/** Empties the chain (HOME at `home`, an empty temp folder); returns what puts the machine's values back. */
export function emptyChain(home: string, options: EmptyChainOptions = {}): () => void {
  const saved: Saved = Object.fromEntries(CHAIN_ENV.map((k) => [k, process.env[k]]));
  clear(home, options);
  return () => restore(saved);
}

/** For tests that empty the chain themselves, as often as they like: the machine's is back after each. */
export function useEmptyChain(): (home: string, options?: EmptyChainOptions) => void {
  let saved: Saved | undefined;
  afterEach(() => {
    if (saved) restore(saved);
    saved = undefined;
  });
  return (home, options = {}) => {
    saved ??= Object.fromEntries(CHAIN_ENV.map((k) => [k, process.env[k]]));
    clear(home, options);
  };
}
