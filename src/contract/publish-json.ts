// The publish document (`publish --format json`, section 12) both ways: written with a fixed member
// order so identical input gives identical bytes, read back by `render` after schemas/publish.schema.json.

import type { PublishedKey, PublishedVersion, PublishReport } from "../model/index.js";
import { type ShardJson, shardFromJson, shardToJson } from "./plan-json.js";

export function publishToJson(report: PublishReport): unknown {
  return {
    formatVersion: 1,
    now: report.now,
    keys: report.keys.map((k) => ({
      key: k.key,
      keyId: k.keyId,
      region: k.region,
      ...(k.account === undefined ? {} : { account: k.account }),
      algorithm: k.algorithm,
      versions: k.versions.map(versionToJson),
    })),
    ...(report.shard ? { shard: shardToJson(report.shard) } : {}),
  };
}

function versionToJson(v: PublishedVersion): unknown {
  return {
    keyVersionId: v.keyVersionId,
    state: v.state,
    createdAt: v.createdAt,
    ...(v.activeSince === undefined ? {} : { activeSince: v.activeSince }),
    ...(v.publishedUntil === undefined ? {} : { publishedUntil: v.publishedUntil }),
    publicKeyPem: v.publicKeyPem,
  };
}

/** A document that passed the schema, back into the model. */
export function publishFromJson(json: unknown): PublishReport {
  const doc = json as { now: string; keys: PublishedKey[]; shard?: ShardJson };
  return {
    formatVersion: 1,
    now: doc.now,
    keys: doc.keys.map((k) => ({ ...k, versions: [...k.versions] })),
    ...(doc.shard ? { shard: shardFromJson(doc.shard) } : {}),
  };
}

/** Whether a parsed JSON object is meant to be a publish document (before its schema is checked). */
export function isPublishJson(json: Readonly<Record<string, unknown>>): boolean {
  const keys = json.keys;
  return (
    Array.isArray(keys) &&
    !("summary" in json) &&
    !("policy" in json) &&
    !("inSync" in json) &&
    keys.every((k) => typeof k === "object" && k !== null && "versions" in k)
  );
}
