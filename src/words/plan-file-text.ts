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
  return `${again.key} is ${first.key} again (${again.keyId ?? again.key} in ${again.region})`;
}
