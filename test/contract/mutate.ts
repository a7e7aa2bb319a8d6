// Documents near a valid one: a few edits (set, delete, add) at random places, with values each schema
// has an opinion about, so the validators are compared where errors are, not only on garbage.

import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

const INTERESTING: Json[] = [
  "90d",
  "800d",
  "6d",
  "720h",
  "2592000s",
  "90 days",
  "cn-hangzhou",
  "cn-hangzou",
  "Hangzhou",
  "automatic",
  "manual",
  "off",
  "auto",
  "alias/orders-db",
  "alias/",
  "orders-db",
  "acs:kms:cn-hangzhou:1234567890123456:key/key-1",
  "acs:x",
  "http://127.0.0.1:8300",
  "ftp://user:secret@host",
  "1234567890123456",
  "2026-11-23T00:00:00Z",
  "2026-02-30",
  "",
  0,
  -1,
  1,
  2,
  1.5,
  true,
  null,
  [],
  {},
];

const NAMES = ["version", "keys", "key", "rotation", "mode", "interval", "region", "account", "provider"];

const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("set", "delete", "add"),
  value: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INTERESTING) },
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  ),
  name: fc.oneof(fc.constantFrom(...NAMES, "intervall", "extra"), fc.string({ maxLength: 6 })),
});

/** `sample` after one to four edits; the sample itself is never changed. */
export function mutated(sample: unknown): fc.Arbitrary<unknown> {
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let doc = structuredClone(sample) as Json;
    for (const e of edits) {
      const paths = pathsOf(doc, []);
      doc = apply(doc, paths[e.at % paths.length] ?? [], e.op, e.name, e.value);
    }
    return doc;
  });
}

function pathsOf(node: Json, path: Path): Path[] {
  if (node === null || typeof node !== "object") return [path];
  const children = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  return [
    path,
    ...children.flatMap((k) => pathsOf((node as Record<string | number, Json>)[k] ?? null, [...path, k])),
  ];
}

function apply(doc: Json, path: Path, op: string, name: string, value: Json): Json {
  if (path.length === 0) return op === "add" ? addTo(doc, name, value) : value;
  const parent = path
    .slice(0, -1)
    .reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] ?? null, doc);
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  if (op === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete container[last];
  } else {
    container[last] = op === "add" ? addTo(container[last] ?? null, name, value) : value;
  }
  return doc;
}

function addTo(node: Json, name: string, value: Json): Json {
  if (Array.isArray(node)) return [...node, value];
  if (node !== null && typeof node === "object") return { ...node, [name]: value };
  return value;
}
