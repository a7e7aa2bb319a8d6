// The rules the schema cannot say: how a key is named, its region, its interval for its mode, and
// that no key is declared twice in a region. Each looks only at parts the schema found sound.

import type { DesiredKey, KeyRef } from "../model/config.js";
import { parseDuration } from "../model/duration.js";
import { identityOf, parseKeyRef } from "../model/key-ref.js";
import type { RotationPolicy } from "../model/policy.js";
import type { ProblemCode } from "../model/source.js";
import { intervalProblem, intervalRangeText } from "../words/interval-text.js";
import { isRecord, type RuleContext, soundString, valueAt } from "./context.js";
import { atPath, type Path, type PathProblem } from "./path.js";
import { readException } from "./policy.js";
import type { RegionFallback } from "./provider.js";
import { type AccountScope, keyAccount } from "./rules-accounts.js";
import { checkSigning } from "./rules-signing.js";

interface KeyCheck {
  readonly ctx: RuleContext;
  readonly fallback: RegionFallback;
  readonly accounts: AccountScope;
  /**
   * region -> identity -> the declarations so far (one, or a list when accounts differ): their account and
   * index in `keys`, or the bare index when the key names no account. Compact, as it holds every key of
   * the file at once (no per-key string is made for the region, no object for a key without an account).
   */
  readonly seen: Map<string, Map<string, Declared | Declared[]>>;
  /** One object per distinct rotation policy: a fleet declares a handful, and 100,000 copies cost 4 MB. */
  readonly policies: Map<string, RotationPolicy>;
  readonly problems: PathProblem[];
}

type Declared = number | { readonly account: string; readonly index: number };

function accountOf(declared: Declared): string | undefined {
  return typeof declared === "number" ? undefined : declared.account;
}

function indexOf(declared: Declared): number {
  return typeof declared === "number" ? declared : declared.index;
}

export function checkKeys(
  ctx: RuleContext,
  fallback: RegionFallback,
  accounts: AccountScope,
): { keys: DesiredKey[]; problems: PathProblem[] } {
  const list = valueAt(ctx.root, ["keys"]);
  const check: KeyCheck = { ctx, fallback, accounts, seen: new Map(), policies: new Map(), problems: [] };
  const keys: DesiredKey[] = [];
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) {
      const key = checkKey(check, ["keys", i]);
      if (key) keys.push(key);
    }
  }
  return { keys, problems: check.problems };
}

function checkKey(check: KeyCheck, base: Path): DesiredKey | undefined {
  const keyPath = [...base, "key"];
  const text = ownString(soundString(check.ctx, keyPath));
  if (text === undefined) return undefined;
  const parsed = parseKeyRef(text);
  const report: Report = (path, message, at, code) => {
    const more = { ...(at ? { at } : {}), ...(code ? { rule: code } : {}) };
    check.problems.push({ path, message: atPath(path, message), key: text, ...more });
  };
  if ("error" in parsed) report(keyPath, parsed.error);
  const ref = "ref" in parsed ? parsed.ref : undefined;
  const region = ref ? keyRegion(check, base, ref, report) : undefined;
  const owner = ref ? keyAccount(check.ctx, check.accounts, base, ref, report) : undefined;
  const account = owner?.account;
  if (ref && region && owner?.ok)
    checkDuplicate(check, base, ref, { region, account }, (m) =>
      report(keyPath, m, undefined, "DuplicateKey"),
    );
  const rotation = shared(check, checkRotation(check.ctx, [...base, "rotation"], report));
  const exception = readException(check.ctx, base, report);
  // A key whose exception cannot be read is not read either: judged without it, it would break the policy.
  const exceptionDeclared = valueAt(check.ctx.root, [...base, "exception"]) !== undefined;
  const signingDeclared = valueAt(check.ctx.root, [...base, "signing"]) !== undefined;
  const signing = checkSigning(check.ctx, base, rotation, report);
  if (!ref || !region || !rotation || !owner?.ok) return undefined;
  if ((exceptionDeclared && !exception) || (signingDeclared && !signing)) return undefined;
  const at = (field: string) => check.ctx.position([...base, "rotation", field]);
  return {
    key: text,
    ref,
    region,
    ...(account === undefined ? {} : { account }),
    rotation,
    source: check.ctx.position(keyPath),
    rotationSource: { mode: at("mode"), ...(rotation.mode === "off" ? {} : { interval: at("interval") }) },
    ...(exception ? { exception } : {}),
    ...(signing
      ? {
          signing,
          signingSource: {
            at: check.ctx.position([...base, "signing"], "key"),
            ...(signing.algorithm
              ? { algorithm: check.ctx.position([...base, "signing", "algorithm"]) }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * The key's text as a string of its own. The YAML reader's scalars are slices of the whole file's text,
 * and a key is held for a whole run (plan reads 100,000 keys for minutes): one such slice keeps the file
 * (8.5 MB for 100,000 keys) alive. V8 slices strings of 13 characters or more; JSON's round trip copies
 * any string exactly, lone surrogates included.
 */
function ownString(text: string | undefined): string | undefined {
  return text === undefined || text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** `key.region` ?? `defaults.region` ?? the provider's; an ARN names its own, and a different `region:` is wrong. */
function keyRegion(check: KeyCheck, base: Path, ref: KeyRef, report: Report): string | undefined {
  const { ctx, fallback } = check;
  const path = [...base, "region"];
  if (valueAt(ctx.root, path) !== undefined) {
    const region = soundString(ctx, path);
    if (region !== undefined && ref.kind === "arn" && region !== ref.region) {
      report(path, `the key's ARN is in ${ref.region}, not ${region}: remove region or make the two agree`);
    }
    return ref.kind === "arn" ? ref.region : region;
  }
  if (ref.kind === "arn") return ref.region;
  // An unknown field on the key (`regoin:`) may be the region it meant; do not guess one for it.
  if (!fallback.known || hasUnknownField(valueAt(ctx.root, base))) return undefined;
  if (fallback.region === undefined) {
    const name = ref.kind === "alias" ? ref.alias : ref.keyId;
    const message = `${name} has no region: set region on the key, defaults.region, or provider.alibaba.region`;
    report([...base, "key"], message);
  }
  return fallback.region;
}

const KEY_FIELDS = new Set(["key", "region", "account", "rotation", "signing", "description", "exception"]);

function hasUnknownField(entry: unknown): boolean {
  return isRecord(entry) && Object.keys(entry).some((field) => !KEY_FIELDS.has(field));
}

function checkDuplicate(
  check: KeyCheck,
  base: Path,
  ref: KeyRef,
  at: { readonly region: string; readonly account: string | undefined },
  report: (m: string) => void,
) {
  const identity = identityOf(ref);
  let region = check.seen.get(at.region);
  if (region === undefined) {
    region = new Map();
    check.seen.set(at.region, region);
  }
  const seen = region.get(identity);
  const earlier = seen === undefined ? [] : Array.isArray(seen) ? seen : [seen];
  // A key with no account is in the default chain's account, which may be any: it clashes with every account.
  const clash = earlier.find((e) => {
    const account = accountOf(e);
    return account === at.account || account === undefined || at.account === undefined;
  });
  if (clash === undefined) {
    const index = base[1] as number;
    const declared = at.account === undefined ? index : { account: at.account, index };
    region.set(identity, earlier.length === 0 ? declared : [...earlier, declared]);
    return;
  }
  const first = { account: accountOf(clash), path: ["keys", indexOf(clash), "key"] };
  const written = soundString(check.ctx, first.path) ?? "";
  const text = soundString(check.ctx, [...base, "key"]) ?? "";
  const line = check.ctx.position(first.path).line;
  const spelling = written === text ? "" : `, as ${written}`;
  const where = first.account === undefined ? at.region : `${at.region} of account ${first.account}`;
  report(`${text} is declared twice in ${where} (first at line ${line}${spelling})`);
}

/** The policy object already made for an equal policy (policies are read-only values). */
function shared(check: KeyCheck, policy: RotationPolicy | undefined): RotationPolicy | undefined {
  if (policy === undefined) return undefined;
  const name = policy.mode === "off" ? "off" : `${policy.mode}/${policy.interval}`;
  const known = check.policies.get(name);
  if (known !== undefined) return known;
  check.policies.set(name, policy);
  return policy;
}

type Report = (path: Path, message: string, at?: "key", code?: ProblemCode) => void;

function checkRotation(ctx: RuleContext, path: Path, report: Report): RotationPolicy | undefined {
  const mode = soundString(ctx, [...path, "mode"]);
  if (mode !== "automatic" && mode !== "manual" && mode !== "off") return undefined;
  const intervalPath = [...path, "interval"];
  const raw = valueAt(ctx.root, intervalPath);
  if (mode === "off") {
    if (raw === undefined) return { mode };
    report(
      intervalPath,
      "mode off takes no interval (it would be ignored): remove it, or choose automatic or manual",
      "key",
      "InvalidInterval",
    );
    return undefined;
  }
  if (raw === undefined) {
    report(
      path,
      `interval is required for ${mode} rotation (${intervalRangeText(mode)})`,
      undefined,
      "InvalidInterval",
    );
    return undefined;
  }
  const text = soundString(ctx, intervalPath);
  if (text === undefined) return undefined;
  const seconds = parseDuration(text);
  const problem = intervalProblem(mode, text, seconds);
  if (problem !== undefined || seconds === undefined) {
    report(intervalPath, problem ?? `${text} is not an interval`, undefined, "InvalidInterval");
    return undefined;
  }
  return { mode, interval: seconds };
}
