// CreateKeyVersion (manual rotation: asymmetric shared keys, symmetric keys in software KMS instances), ListKeyVersions and DescribeKeyVersion.

import { limitExceeded, unsupported, versionNotFound } from "./errors.js";
import { checkGate } from "./gates.js";
import { newVersionId } from "./ids.js";
import { type Params, paged, pageParams, required } from "./params.js";
import { resolveKey, ruleSubject } from "./resolve.js";
import { rulesFor } from "./rules.js";
import { type CoreState, lastRotation } from "./state.js";
import { formatInstant } from "./time.js";
import type { Body, Context, KeyRecord, VersionRecord } from "./types.js";

export function createKeyVersion(state: CoreState, ctx: Context, params: Params): Body {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  // The state table first, as for UpdateRotationPolicy: a key that is not Enabled gets its 409.
  checkGate("CreateKeyVersion", key);
  const manual = rulesFor(ruleSubject(state, key)).manual;
  if (!manual.supported) throw unsupported(manual.message);
  const since = ctx.now - lastRotation(key);
  if (since < manual.minGap) {
    throw unsupported(
      `A new key version can be created only ${manual.minGap / 86_400} days after the last one ` +
        `(LastRotationDate ${formatInstant(lastRotation(key))}).`,
    );
  }
  if (manual.maxVersions !== undefined && key.versions.length >= manual.maxVersions) {
    throw limitExceeded(`The key already has ${key.versions.length} versions, the most a key can have.`);
  }
  const quota = ctx.quota.versions;
  if (quota !== undefined && state.totalVersions >= quota) {
    throw limitExceeded(`The key version quota of this region (${quota}) is used up.`);
  }
  const version: VersionRecord = { id: newVersionId(key, ctx.newId), created: ctx.now };
  state.putKey({ ...key, versions: [...key.versions, version] });
  return { KeyVersion: versionBody(key, version) };
}

function versionBody(key: KeyRecord, version: VersionRecord): Body {
  return { KeyId: key.keyId, KeyVersionId: version.id, CreationDate: formatInstant(version.created) };
}

export function listKeyVersions(state: CoreState, ctx: Context, params: Params): Body {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  // Newest first, as the service's sample lists them.
  const page = paged([...key.versions].reverse(), pageParams(params));
  return {
    KeyVersions: { KeyVersion: page.items.map((version) => versionBody(key, version)) },
    ...page.counts,
  };
}

export function describeKeyVersion(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const versionId = required(params, "KeyVersionId");
  const key = resolveKey(state, ctx, keyIdParam);
  const version = key.versions.find((candidate) => candidate.id === versionId);
  if (!version) throw versionNotFound();
  return { KeyVersion: versionBody(key, version) };
}
