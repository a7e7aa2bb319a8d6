// A timeout in our words: the SDK says `ReadTimeout(10000). POST <url> failed.`; people need the
// configured bound and where.

/** `2 s`, `0.5 s`, `1.5 s`: a timeout as people read it. */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms % 100 === 0 ? 1 : 3))} s`;
}

/**
 * The SDK says `ReadTimeout(10000). POST <url> failed.`: the bound (the configured timeout) and where,
 * in our words; undefined when the text is not of that form.
 */
export function timeoutWords(text: string, at: string | undefined): string | undefined {
  const bound = /\b(Read|Connect)Timeout\((\d+)\)/.exec(text);
  if (!bound) return undefined;
  const where = at ? ` (${at})` : "";
  const within = secondsText(Number(bound[2]));
  return bound[1] === "Connect"
    ? `KMS did not accept a connection within the ${within} timeout${where}`
    : `KMS did not answer within the ${within} timeout${where}`;
}
