// Building a fleet in a running emulator through its service, and reading its call counts over HTTP.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { DAY } from "../../src/model/index.js";

export const T0 = new Date("2026-01-01T00:00:00Z");

export async function emulator(options: Parameters<typeof startEmulator>[0] = { region: "cn-hangzhou" }) {
  return startEmulator({ clock: T0, port: 0, host: "127.0.0.1", ...options });
}

/** An emulator in cn-hangzhou whose keys come from `seed`, a fleet file written into `dir`. */
export async function seededEmulator(dir: string, seed: string): Promise<RunningEmulator> {
  const seedPath = join(dir, "fleet.yaml");
  writeFileSync(seedPath, seed);
  return emulator({ region: "cn-hangzhou", seedPath });
}

/** An instant as the reports print it: ISO-8601 UTC to the second. */
export const isoSecond = (ms: number): string => new Date(ms).toISOString().replace(".000", "");

/** Run an action on the emulator's state directly (test setup), failing loudly on a service error. */
export function call(emu: RunningEmulator, action: string, params: Record<string, string> = {}) {
  const outcome = emu.service.call(action, params);
  if (!outcome.ok) throw new Error(`${action}: ${outcome.error.code}: ${outcome.error.message}`);
  // biome-ignore lint/suspicious/noExplicitAny: test setup reads service bodies by their documented shape
  return outcome.body as Record<string, any>;
}

export interface KeySpecOptions {
  spec?: string;
  usage?: string;
  origin?: string;
  alias?: string;
  rotation?: string;
  /** DKMSInstanceId: a KMS instance the emulator declares. */
  instance?: string;
}

export function createKey(emu: RunningEmulator, o: KeySpecOptions = {}): string {
  const spec = o.spec ?? "Aliyun_AES_256";
  const usage =
    o.usage ?? (spec.startsWith("EC_") || spec.startsWith("RSA_") ? "SIGN/VERIFY" : "ENCRYPT/DECRYPT");
  const body = call(emu, "CreateKey", {
    KeySpec: spec,
    KeyUsage: usage,
    ...(o.origin ? { Origin: o.origin } : {}),
    ...(o.instance ? { DKMSInstanceId: o.instance } : {}),
    ...(o.rotation ? { EnableAutomaticRotation: "true", RotationInterval: o.rotation } : {}),
  });
  const keyId = body.KeyMetadata.KeyId as string;
  if (o.alias) call(emu, "CreateAlias", { KeyId: keyId, AliasName: o.alias });
  return keyId;
}

export function advanceDays(emu: RunningEmulator, days: number): void {
  emu.service.advanceClock(days * DAY);
}

export async function stats(emu: RunningEmulator): Promise<Record<string, number>> {
  const res = await fetch(`${emu.url}/__emulator/stats`);
  return ((await res.json()) as { calls: Record<string, number> }).calls;
}

export function writes(calls: Record<string, number>): number {
  return (calls.UpdateRotationPolicy ?? 0) + (calls.CreateKeyVersion ?? 0);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kms-rotation-"));
}

/** A config file for keys in one region served by `emu`. */
/** One manual signing key (interval 7d, publishAhead 1d), as `keys` text for writeConfig. */
export function signingKeyYaml(alias = "alias/signer", verifyFor = "3d"): string {
  return [
    `  - key: ${alias}`,
    "    rotation: { mode: manual, interval: 7d }",
    `    signing: { publishAhead: 1d, verifyFor: ${verifyFor} }`,
    "",
  ].join("\n");
}

export function writeConfig(dir: string, keys: string, name = "kms.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${keys}`);
  return file;
}
