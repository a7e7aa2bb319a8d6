#!/usr/bin/env node
// Writes docs/config.md's "Configuration reference" from schemas/config.schema.json, so the two cannot
// disagree. `node scripts/config-reference.mjs` prints it; `--write` replaces it in docs/config.md.

import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- config-reference:start -->";
const END = "<!-- config-reference:end -->";
const schemaUrl = new URL("../schemas/config.schema.json", import.meta.url);
const pageUrl = new URL("../docs/config.md", import.meta.url);

const schema = JSON.parse(readFileSync(schemaUrl, "utf8"));

/** Names for the string forms the schema defines once and uses in several places. */
const FORMS = { region: "region id", interval: "interval", url: "URL", accountId: "account uid" };

/** A `$ref` resolved, with the referring schema's own keywords (its description) winning. */
function resolve(node) {
  if (typeof node?.$ref !== "string") return node;
  const name = node.$ref.replace("#/$defs/", "");
  const { $ref: _ref, ...own } = node;
  return { ...resolve(schema.$defs[name]), form: FORMS[name], ...own };
}

function typeOf(node) {
  if ("const" in node) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(" \\| ");
  if (node.type === "array") return `list of ${typeOf(resolve(node.items))}s`;
  if (node.type === "object" && !node.properties) {
    return `mapping: ${typeOf(resolve(node.propertyNames ?? {}))} → ${typeOf(resolve(node.additionalProperties))}`;
  }
  if (node.type === "object") return "mapping";
  return node.form ?? node.type ?? "string";
}

function cell(text) {
  return String(text).replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** A Markdown table with its columns padded, as Biome formats Markdown (so `npm run lint` accepts it). */
function table(header, rows) {
  const widths = header.map((_, i) => Math.max(3, ...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => `| ${row.map((text, i) => text.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** One row per field, parents before children, in the schema's order. */
function rows(node, path, required, out) {
  const resolved = resolve(node);
  if (path !== "") {
    const value = resolved.default;
    const fallback =
      value === undefined ? "" : `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
    const examples = resolved.examples?.filter((e) => typeof e !== "object").map((e) => `\`${e}\``) ?? [];
    const description =
      resolved.description + (examples.length > 0 ? ` Examples: ${examples.join(", ")}.` : "");
    out.push([`\`${path}\``, typeOf(resolved), required ? "yes" : "", fallback, cell(description)]);
  }
  const object = resolved.type === "array" ? resolve(resolved.items) : resolved;
  const prefix = resolved.type === "array" ? `${path}[]` : path;
  for (const [name, child] of Object.entries(object.properties ?? {})) {
    rows(child, prefix === "" ? name : `${prefix}.${name}`, (object.required ?? []).includes(name), out);
  }
  if (object.type === "object" && !object.properties && object.additionalProperties) {
    const form = resolve(object.propertyNames ?? {}).form;
    const name = form === FORMS.region ? "region" : form === FORMS.accountId ? "uid" : "name";
    rows(object.additionalProperties, `${prefix}.<${name}>`, false, out);
  }
  return out;
}

export function reference() {
  return [
    `The file is checked against [\`schemas/config.schema.json\`](../schemas/config.schema.json) (JSON Schema`,
    "draft 2020-12); editors using yaml-language-server pick it up from the first line",
    "`# yaml-language-server: $schema=<path to>/schemas/config.schema.json`. Unknown fields are errors.",
    "This table is generated from the schema by `node scripts/config-reference.mjs --write`.",
    "",
    ...table(["field", "type", "required", "default", "description"], rows(schema, "", true, [])),
  ].join("\n");
}

function write() {
  const page = readFileSync(pageUrl, "utf8");
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start === -1 || end < start) throw new Error(`docs/config.md has no ${START} ... ${END} section`);
  writeFileSync(pageUrl, `${page.slice(0, start + START.length)}\n${reference()}\n${page.slice(end)}`);
}

if (process.argv.includes("--write")) write();
else process.stdout.write(`${reference()}\n`);
