// Finding the key a KeyId parameter names: a key id, `alias/<name>`, or an ARN of a key or an alias.

import { aliasNotFound, keyNotFound } from "./errors.js";
import { instanceTypeOfLevel, type RuleSubject } from "./rules.js";
import type { CoreState } from "./state.js";
import type { Context, KeyRecord } from "./types.js";

const ARN = /^acs:kms:([^:]*):([^:]*):(key|alias)\/(.+)$/;

export function resolveKey(state: CoreState, ctx: Context, keyIdParam: string): KeyRecord {
  const arn = ARN.exec(keyIdParam);
  if (arn) {
    const [, region, account, kind, rest] = arn as unknown as [string, string, string, string, string];
    if (region !== ctx.region || account !== ctx.accountId) {
      throw kind === "alias" ? aliasNotFound() : keyNotFound();
    }
    return kind === "alias" ? byAlias(state, `alias/${rest}`) : byId(state, rest);
  }
  return keyIdParam.startsWith("alias/") ? byAlias(state, keyIdParam) : byId(state, keyIdParam);
}

function byAlias(state: CoreState, name: string): KeyRecord {
  const alias = state.aliases.get(name);
  const key = alias && state.keys.get(alias.keyId);
  if (!key) throw aliasNotFound();
  return key;
}

function byId(state: CoreState, keyId: string): KeyRecord {
  const key = state.keys.get(keyId);
  if (!key) throw keyNotFound();
  return key;
}

export function keyArn(ctx: Context, keyId: string): string {
  return `acs:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`;
}

export function aliasArn(ctx: Context, aliasName: string): string {
  return `acs:kms:${ctx.region}:${ctx.accountId}:${aliasName}`;
}

export function isServiceManaged(key: KeyRecord): boolean {
  return !/^[0-9]+$/.test(key.creator);
}

/** What the rules table needs to know of a key, its instance's type looked up in the state. */
export function ruleSubject(state: CoreState, key: KeyRecord): RuleSubject {
  const instance = key.dkmsInstanceId;
  return {
    spec: key.spec,
    origin: key.origin,
    serviceManaged: isServiceManaged(key),
    ...(instance === undefined
      ? {}
      : {
          dkmsInstanceId: instance,
          // Keys of a state file older than declared instances: ProtectionLevel followed the instance type.
          instanceType: state.instances.get(instance) ?? instanceTypeOfLevel(key.protectionLevel),
        }),
  };
}
