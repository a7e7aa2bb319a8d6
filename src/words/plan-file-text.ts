// The words for a plan that is not saved: apply would refuse it, so `plan --out` and writePlanFile do.

/** `not saving the plan to plan.json: 2 of its keys could not be read` */
export function unreadKeysRefusalText(file: string, errors: number): string {
  return `not saving the plan to ${file}: ${errors} of its keys could not be read`;
}

/** `not saving the plan to plan.json: it names one key twice; declare each once:`, the keys listed under it. */
export function repeatedKeysRefusalText(file: string): string {
  return `not saving the plan to ${file}: it names one key twice; declare each once:`;
}

/** `<KeyId> is alias/orders-db again (<KeyId> in cn-hangzhou)` */
export function repeatedKeyText(
  again: { readonly key: string; readonly keyId?: string; readonly region: string },
  first: { readonly key: string },
): string {
  const name =
    again.key === first.key ? `${again.key} is listed twice` : `${again.key} is ${first.key} again`;
  return `${name} (${again.keyId ?? again.key} in ${again.region})`;
}

/**
 * `alias/orders-db is declared twice in cn-hangzhou (first at line 5, as key-…): both are KeyId key-…;
 * declare it once`: two declarations KMS resolved to one key, found only once read.
 */
export function sameKeyTwiceText(
  again: { readonly key: string; readonly keyId?: string; readonly region: string },
  first: { readonly key: string; readonly source?: { readonly line: number } },
): string {
  const at = first.source ? `line ${first.source.line}, ` : "";
  return `${again.key} is declared twice in ${again.region} (first at ${at}as ${first.key}): both are KeyId ${again.keyId ?? again.key}; declare it once`;
}
