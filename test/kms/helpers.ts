// Shared setup for the KMS client's integration tests: an emulator per test group, keys made directly.

import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { createKms, type KmsOptions } from "../../src/kms/index.js";
import type { Kms } from "../../src/kms/types.js";

export const REGION = "cn-hangzhou";
export const LOCAL = { accessKeyId: "local", accessKeySecret: "local" } as const;

export function start(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ region: REGION, port: 0, ...options });
}

/** A client on the emulator with short backoff, so retry tests take milliseconds. */
export function clientFor(emulator: RunningEmulator, options: Partial<KmsOptions> = {}): Kms {
  return createKms({
    region: REGION,
    endpoint: emulator.url,
    credentials: LOCAL,
    backoff: { minMs: 5, maxMs: 50 },
    ...options,
  });
}

/** Runs an action on the emulator's state directly; throws on a service error. */
export function serviceCall(emulator: RunningEmulator, action: string, params: Record<string, string> = {}) {
  const outcome = emulator.service.call(action, params);
  if (!outcome.ok) throw new Error(`${action}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.body;
}

export function createKey(emulator: RunningEmulator, params: Record<string, string> = {}): string {
  const body = serviceCall(emulator, "CreateKey", params) as { KeyMetadata: { KeyId: string } };
  return body.KeyMetadata.KeyId;
}

export async function callCount(emulator: RunningEmulator, action: string): Promise<number> {
  const response = await fetch(`${emulator.url}/__emulator/stats`);
  const stats = (await response.json()) as { calls: Record<string, number> };
  return stats.calls[action] ?? 0;
}

/** A small seeded PRNG, so fault-injection runs are the same every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
