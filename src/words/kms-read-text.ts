// What could not be read from KMS, or started, in words: the lines plan, drift, audit, forecast and
// apply print for keys left unread and for a KMS that could not be started.

/** Where a key is: `cn-hangzhou`, or `cn-hangzhou of account 1111111111111111` when the config names one. */
export function whereText(k: { readonly region: string; readonly account?: string }): string {
  return k.account === undefined ? k.region : `${k.region} of account ${k.account}`;
}

function keysText(count: number): string {
  return `${count} ${count === 1 ? "key" : "keys"}`;
}

/** One key that could not be read. */
export function unreadKeyText(key: string, where: string, code: string, message: string): string {
  return `cannot read ${key} in ${where}: ${code}: ${message}`;
}

/** An account whose credentials could not be had: its failure, then how many of its keys went unread. */
export function unreadAccountText(message: string, unread: number): string {
  return `${message.replace(/\.$/, "")}; ${keysText(unread)} of it not read`;
}

/** The endpoint of an (account, region) failed, not one key: what it answered. */
export function unreachableUnitText(where: string, code: string, message: string): string {
  return `cannot read KMS in ${where}: ${code}: ${message}`;
}

/** An (account, region)'s failure, once, with how many of its keys went unread. */
export function unreadUnitText(failure: string, unread: number, where: string): string {
  return `${failure} (${keysText(unread)} in ${where} not read)`;
}

/**
 * The embedded KMS (or a provider's clients) could not be started `what` (`for kms.yaml`): the failure's
 * message, or for a seed fleet the emulator refused, that (its problems are listed under the line).
 */
export function kmsStartText(what: string, why: { readonly message: string } | "invalid-seed"): string {
  return `cannot start KMS ${what}: ${why === "invalid-seed" ? "invalid seed fleet" : why.message}`;
}
