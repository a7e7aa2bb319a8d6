// A seed fleet (schemas/fleet.schema.json, already validated) turned into key and alias records at the
// clock of seeding: relative times resolved, `count` expanded, every rule a key must satisfy checked.

import { parseDuration } from "../../model/duration.js";
import { readInstant } from "../../model/instant.js";
import { RESERVED_ALIAS_PREFIX, validAliasName } from "./alias-actions.js";
import { newKeyId, newVersionId } from "./ids.js";
import { defaultUsage, usagesFor } from "./key-spec-rules.js";
import {
  type InstanceType,
  instanceTypeOfLevel,
  isSymmetric,
  type RuleSubject,
  rulesFor,
  SERVICE_RULES,
} from "./rules.js";
import { instantRangeProblem } from "./time.js";
import type { AliasRecord, KeyRecord, KeyState, VersionRecord } from "./types.js";

export interface FleetKey {
  readonly keyId?: string;
  readonly alias?: string;
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly spec?: string;
  readonly usage?: string;
  readonly origin?: string;
  readonly protectionLevel?: string;
  readonly state?: KeyState;
  readonly deleteDate?: string;
  readonly created?: string;
  readonly versions?: number;
  readonly lastRotation?: string;
  readonly rotation?: { readonly interval: string };
  readonly creator?: string;
  readonly dkmsInstanceId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly count?: number;
}

export interface Fleet {
  readonly version: 1;
  readonly account?: string;
  /** KMS instances (the newer generation): instance id -> type. */
  readonly instances?: Readonly<Record<string, InstanceType>>;
  readonly keys: readonly FleetKey[];
}

export interface SeedContext {
  readonly region: string;
  readonly accountId: string;
  /** Epoch seconds. */
  readonly now: number;
  readonly newId: () => string;
}

/** A fleet entry that cannot be seeded; `index` is its position in `keys`. */
export class FleetError extends Error {
  constructor(
    readonly index: number,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface Seeded {
  readonly keys: KeyRecord[];
  readonly aliases: AliasRecord[];
  /** The fleet's instances, plus one for each instance a key names without declaring it. */
  readonly instances: Map<string, InstanceType>;
}

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

/** `-400d`, `+30d`, `now` or an ISO-8601 instant -> epoch seconds. */
export function resolveTime(text: string, now: number): number | undefined {
  if (text === "now") return now;
  const sign = text[0];
  if (sign === "-" || sign === "+") {
    const seconds = parseDuration(text.slice(1));
    return seconds === undefined ? undefined : now + (sign === "-" ? -seconds : seconds);
  }
  // Date.parse would roll 2026-02-30 over to March 2nd; a day the calendar lacks is no time.
  const read = readInstant(text);
  return "date" in read ? Math.floor(read.date.getTime() / 1000) : undefined;
}

interface Template {
  readonly record: Omit<KeyRecord, "keyId" | "versions" | "description" | "tags">;
  readonly versionDates: readonly number[];
  readonly entry: FleetKey;
}

function resolveTemplate(
  entry: FleetKey,
  index: number,
  ctx: SeedContext,
  instances: Map<string, InstanceType>,
): Template {
  const fail = (field: string, message: string) => new FleetError(index, field, message);
  const time = (field: "created" | "lastRotation" | "deleteDate", fallback: number): number => {
    const text = entry[field];
    if (text === undefined) return fallback;
    const seconds = resolveTime(text, ctx.now);
    if (seconds === undefined) throw fail(field, `${field}: "${text}" is not a time`);
    const beyond = instantRangeProblem(seconds * 1000);
    if (beyond) throw fail(field, `${field}: "${text}" ${beyond}`);
    return seconds;
  };
  const spec = entry.spec ?? "Aliyun_AES_256";
  const usage = entry.usage ?? defaultUsage(spec);
  if (!usagesFor(spec).includes(usage)) throw fail("usage", `usage ${usage} is not available for ${spec}`);
  const origin = entry.origin ?? "Aliyun_KMS";
  if (origin === "EXTERNAL" && !isSymmetric(spec))
    throw fail("origin", "origin EXTERNAL needs a symmetric spec");
  const state = entry.state ?? "Enabled";
  if (state === "PendingImport" && origin !== "EXTERNAL") {
    throw fail("state", "state PendingImport needs origin EXTERNAL");
  }
  const instanceType = instanceOf(entry, instances, fail);
  const subject: RuleSubject = {
    spec,
    origin,
    serviceManaged: entry.creator !== undefined,
    ...(entry.dkmsInstanceId ? { dkmsInstanceId: entry.dkmsInstanceId, instanceType } : {}),
  };
  const created = time("created", ctx.now);
  const versionDates = spreadVersions(entry, subject, created, time("lastRotation", created), fail);
  const rotation = rotationOf(entry, subject, fail);
  return {
    entry,
    versionDates,
    record: {
      spec,
      usage,
      origin,
      protectionLevel: instanceType ? levelOf(instanceType) : (entry.protectionLevel ?? "SOFTWARE"),
      creator: entry.creator ?? ctx.accountId,
      state,
      created,
      ...(state === "PendingDeletion" ? { deleteDate: time("deleteDate", ctx.now + 30 * 86_400) } : {}),
      ...(rotation ? { rotation } : {}),
      ...(entry.dkmsInstanceId ? { dkmsInstanceId: entry.dkmsInstanceId } : {}),
      ...(state === "PendingImport" ? { awaitingImport: true } : {}),
    },
  };
}

type Fail = (field: string, message: string) => FleetError;

/**
 * The type of the instance a key names. An instance no `instances:` entry declares is declared by the
 * key, of the type its protectionLevel says (seed files written before `instances:` keep working).
 */
function instanceOf(
  entry: FleetKey,
  instances: Map<string, InstanceType>,
  fail: Fail,
): InstanceType | undefined {
  const id = entry.dkmsInstanceId;
  if (id === undefined) return undefined;
  const declared = instances.get(id);
  const type = declared ?? instanceTypeOfLevel(entry.protectionLevel ?? "SOFTWARE");
  if (entry.protectionLevel !== undefined && entry.protectionLevel !== levelOf(type)) {
    throw fail(
      "protectionLevel",
      `protectionLevel ${entry.protectionLevel} does not match instance ${id}, of type ${type}`,
    );
  }
  instances.set(id, type);
  return type;
}

function levelOf(type: InstanceType): string {
  return type === "hsm" ? "HSM" : "SOFTWARE";
}

/** Version dates from `created` to `lastRotation`, evenly spaced, whole seconds. */
function spreadVersions(
  entry: FleetKey,
  subject: RuleSubject,
  created: number,
  last: number,
  fail: Fail,
): number[] {
  if (last < created) throw fail("lastRotation", "lastRotation is earlier than created");
  const count = entry.versions ?? (last > created ? 2 : 1);
  const manual = rulesFor(subject).manual;
  const cap = manual.supported ? manual.maxVersions : undefined;
  if (cap !== undefined && count > cap) throw fail("versions", `this key has at most ${cap} versions`);
  if (count === 1 && last !== created)
    throw fail("versions", "a key with one version was last rotated when created");
  if (count === 1) return [created];
  const step = (last - created) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? last : created + Math.floor(i * step)));
}

function rotationOf(entry: FleetKey, subject: RuleSubject, fail: Fail) {
  if (!entry.rotation) return undefined;
  const interval = parseDuration(entry.rotation.interval);
  // Service-managed keys are rotated by their service, so the table's refusal of users does not apply:
  // they get the range of a user key of their kind, or the shared service's.
  const automatic = rulesFor({ ...subject, serviceManaged: false }).automatic;
  if (!automatic.supported && !subject.serviceManaged) throw fail("rotation", automatic.message);
  const { min, max } = automatic.supported
    ? { min: automatic.minInterval, max: automatic.maxInterval }
    : SERVICE_RULES.sharedAutomatic;
  if (interval === undefined || interval < min || interval > max) {
    const range = `${min / 86_400}d..${max / 86_400}d`;
    throw fail("rotation", `rotation interval ${entry.rotation.interval} is outside ${range}`);
  }
  return { interval };
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
