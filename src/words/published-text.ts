// What drift says of a key checked against a published key set (`drift --published`).

/** An SM2 key: a JWK Set cannot hold it, so it was not checked. */
export function sm2NotCheckedText(key: string, published: string): string {
  return `${key}: an SM2 key has no JOSE form and no JWK Set holds it; not checked against ${published} (publish it with --format pem)`;
}

/** A retired version the set still lists: verifiers may still accept what it signed. */
export function retiredListedText(key: string, version: string, published: string): string {
  return `${key}: retired version ${version} is still in the published key set (${published}); verifiers may still accept what it signed`;
}
