// A timeout, or an endpoint never connected to, in our words: the SDK says `ReadTimeout(10000). POST
// <url> failed.` or `connect ECONNREFUSED 127.0.0.1:1`; people need the bound or the reason, and where.

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

const NEVER_CONNECTED_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

/** The errno values of a call that never connected: nothing was sent. */
export const NEVER_CONNECTED: ReadonlySet<string> = new Set(Object.keys(NEVER_CONNECTED_WORDS));

/**
 * `cannot reach KMS at http://127.0.0.1:1: connection refused`: said once, where the SDK's text repeats
 * the errno and the address the endpoint already names; that text is kept only when `at` is unknown.
 */
export function unreachableWords(errno: string, at: string | undefined, text: string): string {
  const why = NEVER_CONNECTED_WORDS[errno] ?? errno;
  return at ? `cannot reach KMS at ${at}: ${why}` : `cannot reach KMS: ${why} (${text})`;
}
