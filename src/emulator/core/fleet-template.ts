// One fleet entry checked against the service's rules and resolved at the clock of seeding: the key record
// every copy of it shares, and its versions' dates.

import { parseDuration } from "../../model/duration.js";
import { readInstant } from "../../model/instant.js";
import { FleetError, type FleetKey, type SeedContext } from "./fleet-types.js";
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
import type { KeyRecord } from "./types.js";

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

/** What every copy of one entry shares: the record without its ids, and its versions' dates. */
export interface Template {
  readonly record: Omit<KeyRecord, "keyId" | "versions" | "description" | "tags">;
  readonly versionDates: readonly number[];
  readonly entry: FleetKey;
}

/** The entry checked and resolved once; a FleetError names the first field that breaks a rule. */
export function resolveTemplate(
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
