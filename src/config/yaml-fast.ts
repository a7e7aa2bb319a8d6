// The fast first reading of a config: js-yaml builds plain values in a fraction of the memory of yaml's
// Document (100,000 keys: about 120 MB instead of 700 MB), noting where each node starts so that a valid
// file still gets its keys' positions. It is trusted only for a file it reads exactly as the positional
// reading would (YAML 1.2 core schema; no anchors, tags, directives or BOM; numbers spelled as yaml spells
// them), and only for positions it is sure of. For anything else, and whenever there is a problem to
// report, the caller reads the file again with the positional Document, so every message stays as it was.

import jsyaml from "js-yaml";
import type { Path } from "./path.js";

export interface FastYaml {
  readonly value: unknown;
  /** Offset of the first character of the node at `path`; undefined when not known for sure. */
  offsetOf(path: Path): number | undefined;
}

// yaml's core schema spellings of numbers; js-yaml also reads 0b101 and 1_000, which yaml reads as strings.
const CORE_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

class NotFast extends Error {}

/** One node as js-yaml composed it: where its content starts and ends, and its value. */
interface NodeEvent {
  readonly start: number;
  readonly end: number;
  readonly result: unknown;
}

interface Frame {
  readonly opened: number;
  readonly children: NodeEvent[];
}

/**
 * Where the children of each mapping and list start, compactly (100,000 keys: a few MB, not the 45 MB a
 * Map per node took): each container's first child's index in one flat list of offsets, its children
 * following in order: a list's by index, a mapping's in the order of its own keys (insertion order,
 * checked to be the file's order when recorded).
 */
interface ChildStarts {
  readonly first: Map<object, number>;
  readonly offsets: Offsets;
}

/** A growing list of offsets in a typed array: 4 bytes each, not a JS array's 8 and its spare half. */
class Offsets {
  private array = new Uint32Array(1024);
  length = 0;
  push(offset: number): void {
    if (this.length === this.array.length) {
      const larger = new Uint32Array(this.array.length * 2);
      larger.set(this.array);
      this.array = larger;
    }
    this.array[this.length++] = offset;
  }
  at(index: number): number | undefined {
    return index < this.length ? this.array[index] : undefined;
  }
}

/** The file's value with where its nodes start, or undefined when only the positional reading will do. */
export function readYamlFast(text: string): FastYaml | undefined {
  // Anchors (and so aliases), explicit tags, directives (%YAML 1.1) or a byte-order mark: rare in
  // configs, and read differently or more slowly; a `&` or `!` in a description only costs the fast path.
  if (/[&!]|^%/m.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const children: ChildStarts = { first: new Map(), offsets: new Offsets() };
  const stack: Frame[] = [{ opened: 0, children: [] }];
  const listener = (event: "open" | "close", state: { position: number; result: unknown }) => {
    if (event === "open") {
      stack.push({ opened: state.position, children: [] });
      return;
    }
    const frame = stack.pop() as Frame;
    const node = { start: contentStart(text, frame.opened), end: state.position, result: state.result };
    if (typeof node.result === "number" && !CORE_NUMBER.test(text.slice(node.start, node.end).trim()))
      throw new NotFast();
    if (node.result !== null && typeof node.result === "object") {
      const starts = childStarts(text, node.result, frame.children);
      if (starts) {
        children.first.set(node.result, children.offsets.length);
        for (const start of starts) children.offsets.push(start);
      }
    }
    stack[stack.length - 1]?.children.push(node);
  };
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, listener: listener as never });
  } catch {
    return undefined;
  }
  const root = stack[0]?.children.find((n) => n.result === value);
  return { value, offsetOf: (path) => (path.length === 0 ? root?.start : offsetOf(value, path, children)) };
}

function offsetOf(root: unknown, path: Path, children: ChildStarts): number | undefined {
  let node = root;
  for (const [i, segment] of path.entries()) {
    if (node === null || typeof node !== "object") return undefined;
    if (i === path.length - 1) return childStart(node, segment, children);
    node = (node as Record<string | number, unknown>)[segment];
  }
  return undefined;
}

function childStart(node: object, segment: string | number, children: ChildStarts): number | undefined {
  const first = children.first.get(node);
  if (first === undefined) return undefined;
  const index = Array.isArray(node)
    ? typeof segment === "number" && segment < node.length
      ? segment
      : -1
    : Object.keys(node).indexOf(String(segment));
  return index === -1 ? undefined : children.offsets.at(first + index);
}

/**
 * Pairs a mapping's child nodes into key and value (a key is the node followed by `:` on its line), or
 * numbers a list's items: the value nodes' starts in the container's own order (a mapping's keys as
 * Object.keys lists them). Undefined when the nodes do not line up one to one with the value, or a
 * mapping's keys are not in the file's order, so that no position is ever guessed.
 */
function childStarts(text: string, result: object, nodes: readonly NodeEvent[]): number[] | undefined {
  const content = nodes.filter((n) => n.result !== null || n.end > n.start);
  if (Array.isArray(result)) {
    if (content.length !== result.length) return undefined;
    const starts: number[] = [];
    for (const [i, n] of content.entries()) {
      if (n.result !== result[i]) return undefined;
      starts.push(n.start);
    }
    return starts;
  }
  let key: string | undefined;
  const record = result as Record<string, unknown>;
  const keys = Object.keys(record);
  const starts: number[] = [];
  for (const n of content) {
    const isKey = followedByColon(text, n.end) && (n.result === null || typeof n.result !== "object");
    // `key:` with nothing after it has no value node: the next key follows at once.
    if (isKey && (key === undefined || record[key] === null)) key = String(n.result);
    else if (key !== undefined) {
      if (record[key] !== n.result || keys[starts.length] !== key) return undefined;
      starts.push(n.start);
      key = undefined;
    } else return undefined;
  }
  return starts.length === keys.length ? starts : undefined;
}

function followedByColon(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  return text.charCodeAt(i) === 0x3a;
}

/** A node opens where js-yaml starts looking for it: skip the spaces, line breaks and comments before it. */
function contentStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23 /* # */) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else break;
  }
  return i;
}
