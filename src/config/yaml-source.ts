// The YAML side: parse keeping every node's offsets, report syntax errors, and find the node a path names.

import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Problem, SourcePosition } from "../model/source.js";
import type { Path } from "./path.js";

export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** Aliases beyond this are an attack (a "billion laughs" file), not a config. */
const MAX_ALIAS_COUNT = 1_000;

/** Parses one YAML document. `value` is absent when the YAML itself is broken: every syntax error is listed. */
export function readYaml(
  text: string,
  file: string,
): { source: YamlSource; value?: unknown; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source = { file, doc, lines };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      message: `invalid YAML: ${error.message}`,
      position: positionAt(source, error.pos[0]),
    }));
    return { source, problems };
  }
  try {
    return { source, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (error) {
    // toJS refuses alias bombs and aliases to nothing; both are the file's fault.
    const message = error instanceof Error ? error.message : String(error);
    return { source, problems: [{ message: `invalid YAML: ${message}`, position: positionAt(source, 0) }] };
  }
}

export function positionAt(source: YamlSource, offset: number): SourcePosition {
  const { line, col } = source.lines.linePos(Math.max(0, offset));
  return { file: source.file, line, column: col };
}

/** Where a problem about `path` should point: the node itself, or its property name when `at` is "key". */
export function positionOf(source: YamlSource, path: Path, at: "key" | "value" = "value"): SourcePosition {
  const { node, key } = nodeAt(source.doc, path);
  const empty = isScalar(node) && node.value === null && node.source === "";
  const target = (at === "key" || empty) && key ? key : (node ?? key);
  return positionAt(source, target?.range?.[0] ?? 0);
}

/**
 * The deepest node along `path` (like `doc.getIn(path, true)`, but comparing keys as the JS value does,
 * following aliases, and stopping at the last node that exists), with the key node that led to it.
 */
export function nodeAt(doc: Document, path: Path): { node?: Node; key?: Node } {
  let node: Node | undefined = (doc.contents as Node | null) ?? undefined;
  let key: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? node;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      key = (pair.key as Node | null) ?? undefined;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
      key = undefined;
      node = node.items[segment] as Node;
    } else break;
  }
  return { node, key };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}
