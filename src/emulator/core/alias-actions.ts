// Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases, ListAliasesByKeyId. Names are unique per
// region; `alias/acs/` is reserved for service-managed keys (inferred).

import { aliasExists, aliasNotFound, invalidParameter, limitExceeded, unsupported } from "./errors.js";
import { checkGate } from "./gates.js";
import { type Params, paged, pageParams, required } from "./params.js";
import { aliasArn, isServiceManaged, resolveKey } from "./resolve.js";
import type { CoreState } from "./state.js";
import type { AliasRecord, Body, Context, KeyRecord } from "./types.js";

const ALIAS_NAME = /^alias\/[a-zA-Z0-9_\-/]{1,255}$/;
export const RESERVED_ALIAS_PREFIX = "alias/acs/";

export function validAliasName(name: string): boolean {
  return ALIAS_NAME.test(name);
}

function aliasNameParam(params: Params): string {
  const name = required(params, "AliasName");
  if (!validAliasName(name)) throw invalidParameter("AliasName");
  return name;
}

function checkReserved(name: string, key: KeyRecord): void {
  if (name.startsWith(RESERVED_ALIAS_PREFIX) && !isServiceManaged(key)) {
    throw unsupported(`Aliases under ${RESERVED_ALIAS_PREFIX} are reserved for service-managed keys.`);
  }
}

export function createAlias(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const name = aliasNameParam(params);
  const key = resolveKey(state, ctx, keyIdParam);
  checkReserved(name, key);
  checkGate("CreateAlias", key);
  if (state.aliases.has(name)) throw aliasExists();
  const quota = ctx.quota.aliases;
  if (quota !== undefined && state.aliases.size >= quota) {
    throw limitExceeded(`The alias quota of this region (${quota}) is used up.`);
  }
  state.putAlias({ name, keyId: key.keyId });
  return {};
}

export function updateAlias(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const name = aliasNameParam(params);
  if (!state.aliases.has(name)) throw aliasNotFound();
  const key = resolveKey(state, ctx, keyIdParam);
  checkReserved(name, key);
  checkGate("UpdateAlias", key);
  state.putAlias({ name, keyId: key.keyId });
  return {};
}

export function deleteAlias(state: CoreState, _ctx: Context, params: Params): Body {
  const name = required(params, "AliasName");
  if (!state.aliases.has(name)) throw aliasNotFound();
  state.removeAlias(name);
  return {};
}

function aliasBody(alias: AliasRecord, ctx: Context): Body {
  return { KeyId: alias.keyId, AliasName: alias.name, AliasArn: aliasArn(ctx, alias.name) };
}

export function listAliases(state: CoreState, ctx: Context, params: Params): Body {
  const page = paged([...state.aliases.values()], pageParams(params));
  return { Aliases: { Alias: page.items.map((alias) => aliasBody(alias, ctx)) }, ...page.counts };
}

export function listAliasesByKeyId(state: CoreState, ctx: Context, params: Params): Body {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  const page = paged(state.aliasesOf(key.keyId), pageParams(params));
  return { Aliases: { Alias: page.items.map((alias) => aliasBody(alias, ctx)) }, ...page.counts };
}
