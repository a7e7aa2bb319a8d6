// Scrubs secrets out of text before it reaches an error, a log or an event: SDK and network errors can
// carry request URLs, query strings, headers and the service's string-to-sign.

const MARK = "[redacted]";

// Names whose values are credentials or signatures, in every spelling the SDKs and the service use.
const SECRET_NAMES = [
  "AccessKeyId",
  "AccessKeySecret",
  "SecurityToken",
  "Signature",
  "BearerToken",
  "Credential",
  "x-acs-accesskey-id",
  "x-acs-security-token",
  "x-acs-bearer-token",
  "x-acs-signature",
].join("|");

// `Name=value`, `Name%3Dvalue` (inside an encoded string-to-sign), `"name": "value"`, `name: value`.
const NAMED_VALUE = new RegExp(
  `\\b(${SECRET_NAMES})("?\\s*(?:=|%3D|%253D|:)\\s*"?)((?:(?!%26|%2526)[^\\s&,;"'<>])+)`,
  "gi",
);
const URL_QUERY = /(\bhttps?:\/\/[^\s?#"']+)\?[^\s#"']*/gi;
const AUTHORIZATION = /(\bAuthorization"?\s*[:=]\s*"?)[^\n"]*/gi;
// The service echoes its whole string-to-sign (ids, tokens, hashes): drop it and all that follows.
const STRING_TO_SIGN = /(string to sign is:?)[\s\S]*/gi;

function encodings(secret: string): Set<string> {
  const once = encodeURIComponent(secret);
  const rfc3986 = once.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Set([secret, once, rfc3986, encodeURIComponent(rfc3986), rfc3986.replace(/%20/g, "+")]);
}

/** The text with every credential, token and signature value replaced; `known` are literal secrets. */
export function redactSecrets(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const secret of known) {
    // Very short strings would blank out ordinary words; real ids and secrets are long.
    if (secret.length < 6) continue;
    // As it is, and as URLs and strings-to-sign carry it (once and twice percent-encoded), whatever
    // characters it holds.
    for (const form of encodings(secret)) out = out.split(form).join(MARK);
  }
  return out
    .replace(URL_QUERY, `$1?${MARK}`)
    .replace(AUTHORIZATION, `$1${MARK}`)
    .replace(STRING_TO_SIGN, `$1 ${MARK}`)
    .replace(NAMED_VALUE, `$1$2${MARK}`);
}
