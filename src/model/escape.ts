// Text from users (a file, a flag, a saved plan, a service's answer), made safe to print on a terminal:
// control characters and the Unicode controls that reorder or break lines become `\u001b`-style escapes,
// so no input can move the cursor, retitle the window, clear the screen or hide text. Long text is cut.

/** A line longer than this is cut: a 1 MB value in a broken file must not become 1 MB of message. */
export const MAX_PRINTED_CHARACTERS = 1_000;

/** C0 and C1 controls, DEL, and the bidirectional and line-separator controls ("Trojan Source"). */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** `text` with every unsafe character as `\uXXXX`; everything else, backslashes included, as it was. */
export function escapeControl(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code)) continue;
    out += `${text.slice(from, i)}\\u${code.toString(16).padStart(4, "0")}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** One line fit for a terminal: escaped, and cut after MAX_PRINTED_CHARACTERS with a count of the rest. */
export function printable(text: string): string {
  if (text.length <= MAX_PRINTED_CHARACTERS) return escapeControl(text);
  const rest = text.length - MAX_PRINTED_CHARACTERS;
  return `${escapeControl(text.slice(0, MAX_PRINTED_CHARACTERS))}… (${rest} more characters)`;
}

/**
 * A URL as it may be shown: whatever could be a user name or password (everything between the scheme and
 * the last `@`, whatever characters a password holds: `/`, `:`, `@`, `#`) replaced by `[redacted]`.
 */
export function hideUserinfo(url: string): string {
  const at = url.lastIndexOf("@");
  if (at === -1) return url;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? "";
  return `${scheme}[redacted]@${url.slice(at + 1)}`;
}
