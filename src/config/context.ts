// What the semantic rules need to know about the file: which parts the schema already found broken
// (so nothing is reported twice) and where a node sits (for "first at line 12").

import type { SourcePosition } from "../model/source.js";
import type { Path, PathProblem } from "./path.js";

export interface RuleContext {
  /** The file as given by the user. */
  readonly file: string;
  /** The parsed file, of any shape: the rules look only at the parts that are sound. */
  readonly root: unknown;
  /** True when no schema problem is at or below `path`: its value has the shape the schema says. */
  sound(path: Path): boolean;
  position(path: Path, at?: "key" | "value"): SourcePosition;
}

export function soundness(problems: readonly PathProblem[]): (path: Path) => boolean {
  const broken = problems.map((p) => p.subject ?? p.path);
  return (path) =>
    !broken.some((b) => path.length <= b.length && path.every((segment, i) => b[i] === segment));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isRecord(node) && typeof segment === "string" && Object.hasOwn(node, segment))
      node = node[segment];
    else return undefined;
  }
  return node;
}

/** The string at `path` when the schema found nothing wrong there, else undefined. */
export function soundString(ctx: RuleContext, path: Path): string | undefined {
  const value = valueAt(ctx.root, path);
  return typeof value === "string" && ctx.sound(path) ? value : undefined;
}
