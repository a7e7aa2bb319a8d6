// Paths into the config value, and how problems name them for people (`keys[3].rotation.interval`).

import type { ProblemCode } from "../model/source.js";

/** A path into the parsed value: property names and array indexes, as ajv's instancePath holds them. */
export type Path = readonly (string | number)[];

/** A problem not yet placed in the file: the node it is about, and whether to point at its key or value. */
export interface PathProblem {
  readonly path: Path;
  readonly message: string;
  /** What kind of problem; the stage that found it gives a default (parse.ts). */
  readonly rule?: ProblemCode;
  /** Point at the property name (an unknown or forbidden field) instead of its value. */
  readonly at?: "key" | "value";
  /** The part of the file this problem makes unsound, when not `path` (a missing field is not its parent). */
  readonly subject?: Path;
  /** The declared key the problem is about, as written. */
  readonly key?: string;
}

/** `/keys/3/rotation` -> `["keys", 3, "rotation"]`; indexes become numbers only below arrays. */
export function pathFromPointer(pointer: string, value: unknown): Path {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node = value;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const index = Array.isArray(node) && /^[0-9]+$/.test(segment) ? Number(segment) : segment;
    path.push(index);
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

export function formatPath(path: Path): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `keys[0].rotation: message`, or the bare message at the top of the file. */
export function atPath(path: Path, message: string): string {
  return path.length === 0 ? message : `${formatPath(path)}: ${message}`;
}

/** The closest candidate within a couple of typos, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}

/** How a value looks to someone reading YAML: `the number 90`, `nothing`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}
