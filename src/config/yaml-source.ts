// The YAML side: parse keeping every node's offsets, report syntax errors, and find the node a path names.

import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { Document, Node } from "yaml";
import type { Problem, SourcePosition } from "../model/source.js";
import { isTooDeep, NESTED_TOO_DEEPLY, yamlErrorsInOurWords } from "../model/yaml-errors.js";
import type { Path } from "./path.js";

export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  /** Offset of the first character of each line. Counted here rather than by yaml's LineCounter, which
   * only sees the line breaks its lexer reports and so loses some inside broken flow collections. */
  readonly lineStarts: ArrayLike<number>;
}

/**
 * `yaml`, loaded the first time a file needs the positional reading: a valid file is read by the fast
 * reading alone and never pays the ~12 MB of memory that loading it costs (Node 24: 41 -> 53 MB RSS).
 */
let loaded: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}

/** Aliases beyond this are an attack (a "billion laughs" file), not a config. */
const MAX_ALIAS_COUNT = 1_000;

/** Parses one YAML document. `value` is absent when the YAML itself is broken: every syntax error is listed. */
export function readYaml(
  text: string,
  file: string,
): { source: YamlSource; value?: unknown; problems: Problem[] } {
  const doc = yaml().parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const source = { file, doc, lineStarts: lineStartsOf(text) };
  const problems: Problem[] = yamlErrorsInOurWords(doc.errors).map((error) => ({
    rule: "InvalidYaml" as const,
    message: `invalid YAML: ${error.text}`,
    position: positionAt(source, error.pos[0]),
  }));
  problems.push(...unresolvedAliases(source));
  if (problems.length > 0) return { source, problems };
  try {
    return { source, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (error) {
    // toJS refuses alias bombs and aliases to nothing; both are the file's fault.
    const message =
      error instanceof Error ? (isTooDeep(error) ? NESTED_TOO_DEEPLY : error.message) : String(error);
    const problem = {
      rule: "InvalidYaml",
      message: `invalid YAML: ${message}`,
      position: positionAt(source, 0),
    } as const;
    return { source, problems: [problem] };
  }
}

/** `*name` with no `&name` before it: yaml only notices when converting, and then without a position. */
function unresolvedAliases(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  yaml().visit(source.doc, {
    Alias(_, alias) {
      if (alias.resolve(source.doc) === undefined) {
        const message = `invalid YAML: alias *${alias.source} refers to no anchor &${alias.source} before it`;
        problems.push({ rule: "InvalidYaml", message, position: positionAt(source, alias.range?.[0] ?? 0) });
      }
    },
  });
  return problems;
}

/** Where each line starts, exactly sized (a 100,000-key file has 500,000 lines: 2 MB, not a growing array's 8). */
export function lineStartsOf(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Uint32Array(count);
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[line++] = i + 1;
  return starts;
}

/** 1-based line and column of a character offset (binary search over the line starts). */
export function positionAt(source: Pick<YamlSource, "file" | "lineStarts">, offset: number): SourcePosition {
  const starts = source.lineStarts;
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { file: source.file, line: low + 1, column: Math.max(0, offset - (starts[low] ?? 0)) + 1 };
}

/** Where a problem about `path` should point: the node itself, or its property name when `at` is "key". */
export function positionOf(source: YamlSource, path: Path, at: "key" | "value" = "value"): SourcePosition {
  const { node, key } = nodeAt(source.doc, path);
  const empty = yaml().isScalar(node) && node.value === null && node.source === "";
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
    if (yaml().isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? node;
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      key = (pair.key as Node | null) ?? undefined;
      node = (pair.value as Node | null) ?? key;
    } else if (yaml().isSeq(node) && typeof segment === "number" && node.items[segment]) {
      key = undefined;
      node = node.items[segment] as Node;
    } else break;
  }
  return { node, key };
}

function keyText(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}
