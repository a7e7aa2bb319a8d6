// Word wrap for people's output at the terminal's width, with a hanging indent so that a wrapped line
// still reads as one item. Breaks only at spaces: a key id or ARN is never cut in the middle.

/** The least room wrapping leaves for text; narrower than this it lets lines overflow instead. */
const MIN_TEXT = 20;

/**
 * `text` (one line, no ANSI codes) as lines at most `width` columns wide where words allow; the first
 * starts with `first`, the rest with `indent` spaces. No width: the line as it is.
 */
export function wrapLine(
  text: string,
  width: number | undefined,
  first = "",
  indent = first.length,
): string[] {
  const room = width === undefined ? Number.POSITIVE_INFINITY : width - indent;
  if (width === undefined || first.length + text.length <= width || room < MIN_TEXT)
    return [`${first}${text}`];
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ")) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = " ".repeat(indent);
      empty = true;
    }
    line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Every line of a block wrapped; continuation lines indented two past the line's own indentation. */
export function wrapBlock(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split("\n")
    .flatMap((line) => {
      const lead = /^ */.exec(line)?.[0] ?? "";
      return wrapLine(line.slice(lead.length), width, lead, lead.length + 2);
    })
    .join("\n");
}
