// ANSI styling for people's output; every helper is the identity when colour is off, so callers never branch.

export type Style = "red" | "green" | "yellow" | "dim" | "bold";

const CODES: Record<Style, string> = {
  red: "\u001b[31m",
  green: "\u001b[32m",
  yellow: "\u001b[33m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
};
const RESET = "\u001b[0m";

export type Paint = (style: Style | undefined, text: string) => string;

/** A painter that styles only when asked to: the CLI decides colour (TTY, NO_COLOR), not the renderer. */
export function painter(colour: boolean): Paint {
  if (!colour) return (_style, text) => text;
  return (style, text) => (style === undefined || text === "" ? text : `${CODES[style]}${text}${RESET}`);
}
