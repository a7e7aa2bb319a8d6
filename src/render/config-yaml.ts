// `import`: a config file that declares every key as it is now, so that planning it shows no changes.

import { formatDuration, isSymmetricSpec, type ObservedKey } from "../model/index.js";

/** What import decided (src/plan/import.ts), as this view needs it. */
export interface ImportedKey {
  readonly key: ObservedKey;
  readonly aliases: readonly string[];
}

export interface ImportedConfig {
  readonly home: string;
  readonly declared: readonly {
    readonly candidate: ImportedKey;
    readonly name: string;
    readonly region?: string;
    readonly rotation: { readonly mode: "automatic" | "manual" | "off"; readonly interval?: number };
  }[];
  readonly pendingDeletion: readonly ImportedKey[];
  readonly serviceManaged: readonly ImportedKey[];
}

export interface ImportOptions {
  readonly regions: readonly string[];
  readonly now: string;
  /** Where the schema is, relative to the file written, for editor completion. */
  readonly schema?: string;
}

export function renderImportedConfig(decisions: ImportedConfig, options: ImportOptions): string {
  const { home, declared } = decisions;
  const lines = [
    ...(options.schema ? [`# yaml-language-server: $schema=${options.schema}`] : []),
    `# Written by kms-rotation import from ${options.regions.join(", ")} at ${options.now}.`,
    "# Every key is declared as it is now: plan on this file shows no changes. Asymmetric keys are",
    "# declared `off` (no versions created); change them to `manual` with an interval to rotate them.",
    "version: 1",
    "provider:",
    "  alibaba:",
    `    region: ${home}`,
    "defaults:",
    `  region: ${home}`,
    declared.length === 0 ? "keys: []" : "keys:",
    ...declared.flatMap(declaredKey),
    ...leftOut(decisions, home),
  ];
  return `${lines.join("\n")}\n`;
}

function declaredKey(declared: ImportedConfig["declared"][number]): string[] {
  const { candidate, name, region, rotation } = declared;
  return [
    `  # ${describe(candidate.key, candidate.aliases)}`,
    `  - key: ${scalar(name)}`,
    ...(region === undefined ? [] : [`    region: ${region}`]),
    "    rotation:",
    `      mode: ${rotation.mode}`,
    ...(rotation.interval === undefined ? [] : [`      interval: ${formatDuration(rotation.interval)}`]),
  ];
}

/** Keys not declared: pending deletion (going away) and service-managed (their service rotates them). */
function leftOut(decisions: ImportedConfig, home: string): string[] {
  const deleted = decisions.pendingDeletion;
  const service = decisions.serviceManaged;
  const lines: string[] = [];
  if (deleted.length > 0) {
    lines.push("# Left out: keys pending deletion.");
    for (const k of deleted)
      lines.push(`#   ${name(k, home)}: deletion on ${k.key.deleteDate ?? "(date unknown)"}`);
  }
  if (service.length > 0) {
    lines.push(
      "# Service-managed keys: the service that owns each rotates it; drift --include-unmanaged skips them.",
    );
    lines.push("ignore:");
    for (const k of service)
      lines.push(`  - key: ${scalar(k.key.keyId)}  # ${name(k, home)}, ${k.key.keySpec}`);
  }
  return lines;
}

function describe(key: ObservedKey, aliases: readonly string[]): string {
  const parts = [key.keySpec, key.keyState];
  if (aliases.length === 0) parts.push("no alias");
  else if (aliases.length > 1) parts.push(`also ${aliases.slice(1).join(", ")}`);
  if (key.origin === "EXTERNAL") parts.push("BYOK");
  // ProtectionLevel tells a software instance from an HSM one, whose keys cannot rotate.
  if (key.dkmsInstanceId) parts.push(`KMS instance ${key.dkmsInstanceId} (${key.protectionLevel})`);
  if (!isSymmetricSpec(key.keySpec) && key.lastRotationDate)
    parts.push(`last version ${key.lastRotationDate}`);
  if (aliases.length > 0) parts.push(key.keyId);
  return parts.join(", ");
}

function name(k: ImportedKey, home: string): string {
  const label = k.aliases[0] ? `${k.aliases[0]} (${k.key.keyId})` : k.key.keyId;
  return k.key.region === home ? label : `${label} in ${k.key.region}`;
}

/** Plain when safe, else a double-quoted YAML string (JSON's form is valid YAML). */
function scalar(text: string): string {
  return /^[A-Za-z0-9_/.-][A-Za-z0-9_/.:-]*$/.test(text) && !text.includes(": ")
    ? text
    : JSON.stringify(text);
}
