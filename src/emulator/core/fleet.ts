// A seed fleet (schemas/fleet.schema.json, already validated) turned into key and alias records at the
// clock of seeding: each entry resolved once (fleet-template.ts), `count` expanded, ids and aliases unique.

import { RESERVED_ALIAS_PREFIX, validAliasName } from "./alias-actions.js";
import { resolveTemplate, type Template } from "./fleet-template.js";
import { type Fleet, FleetError, type FleetKey, type SeedContext, type Seeded } from "./fleet-types.js";
import { newKeyId, newVersionId } from "./ids.js";
import type { KeyRecord, VersionRecord } from "./types.js";

export function expandFleet(fleet: Fleet, ctx: SeedContext): Seeded {
  const seeded: Seeded = { keys: [], aliases: [], instances: new Map(Object.entries(fleet.instances ?? {})) };
  const aliasNames = new Set<string>();
  const keyIds = new Set<string>();
  for (const [index, entry] of fleet.keys.entries()) {
    if (entry.region !== undefined && entry.region !== ctx.region) continue;
    const template = resolveTemplate(entry, index, ctx, seeded.instances);
    const count = entry.count ?? 1;
    if (count > 1 && entry.keyId)
      throw new FleetError(index, "keyId", "keyId cannot be fixed when count is above 1");
    for (let copy = 1; copy <= count; copy++) {
      const key = copyOf(template, copy, ctx);
      seeded.keys.push(key);
      if (keyIds.has(key.keyId)) throw new FleetError(index, "keyId", `keyId ${key.keyId} is used twice`);
      keyIds.add(key.keyId);
      for (const name of entryAliases(entry, index, copy)) {
        if (aliasNames.has(name))
          throw new FleetError(index, "alias", `alias ${name} is used twice in the fleet`);
        aliasNames.add(name);
        seeded.aliases.push({ name, keyId: key.keyId });
      }
    }
  }
  return seeded;
}

function copyOf(template: Template, copy: number, ctx: SeedContext): KeyRecord {
  const { entry } = template;
  const subst = (text: string) => text.replaceAll("{i}", String(copy));
  const keyId = entry.keyId ?? newKeyId(ctx.region, entry.dkmsInstanceId !== undefined, ctx.newId);
  const owner = { keyId, ...(entry.dkmsInstanceId ? { dkmsInstanceId: entry.dkmsInstanceId } : {}) };
  const versions: VersionRecord[] = template.versionDates.map((created) => ({
    id: newVersionId(owner, ctx.newId),
    created,
  }));
  const tags = Object.fromEntries(Object.entries(entry.tags ?? {}).map(([k, v]) => [k, subst(v)]));
  return {
    ...template.record,
    keyId,
    description: subst(entry.description ?? ""),
    versions,
    tags,
  };
}

function entryAliases(entry: FleetKey, index: number, copy: number): string[] {
  const names = [...(entry.alias ? [entry.alias] : []), ...(entry.aliases ?? [])];
  return names.map((name) => {
    const resolved = name.replaceAll("{i}", String(copy));
    if (!validAliasName(resolved))
      throw new FleetError(index, "alias", `${resolved} is not a valid alias name`);
    if (resolved.startsWith(RESERVED_ALIAS_PREFIX) && entry.creator === undefined) {
      throw new FleetError(
        index,
        "alias",
        `${RESERVED_ALIAS_PREFIX} aliases are for service-managed keys (set creator)`,
      );
    }
    return resolved;
  });
}
