// Shared helpers for the core tests: a service on a frozen real clock, and outcome unwrapping.

import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, vi } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import type { EmulatorService, ServiceOptions, ServiceOutcome } from "../../../src/emulator/service.js";

export const START = new Date("2026-01-01T00:00:00Z");
export const DAY = 86_400;

/** Freeze real time so the simulated clock moves only when a test moves it. */
export function freezeRealTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-06-01T00:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export function open(options: Partial<ServiceOptions> = {}): EmulatorService {
  return openService({ region: "cn-hangzhou", clock: START, ...options });
}

let deadPid: number | undefined;

/**
 * As after a SIGKILL of the process that had `statePath` open: its lock names a process that no longer
 * runs (a real one that has exited), so the next open recovers the lock and reads what is on disk.
 */
export function simulateCrash(statePath: string): void {
  deadPid ??= spawnSync(process.execPath, ["-e", ""]).pid;
  const holder = { pid: deadPid, host: hostname(), since: "2026-01-01T00:00:00.000Z", token: randomUUID() };
  writeFileSync(`${statePath}.lock`, JSON.stringify(holder));
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kms-core-"));
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are loosely typed JSON in tests
export type Json = any;

export function ok(outcome: ServiceOutcome): Json {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.body;
}

export function fail(outcome: ServiceOutcome): { status: number; code: string; message: string } {
  if (outcome.ok) expect.fail(`expected an error, got ${JSON.stringify(outcome.body)}`);
  return outcome.error;
}

export function expectError(outcome: ServiceOutcome, status: number, code: string): void {
  const error = fail(outcome);
  expect({ status: error.status, code: error.code }).toEqual({ status, code });
}

export function createKey(service: EmulatorService, params: Record<string, string> = {}): string {
  return ok(service.call("CreateKey", params)).KeyMetadata.KeyId;
}

export function createSigningKey(service: EmulatorService, params: Record<string, string> = {}): string {
  return createKey(service, { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY", ...params });
}

export function describe_(service: EmulatorService, keyId: string): Json {
  return ok(service.call("DescribeKey", { KeyId: keyId })).KeyMetadata;
}

export function versionCount(service: EmulatorService, keyId: string): number {
  return ok(service.call("ListKeyVersions", { KeyId: keyId, PageSize: "1" })).TotalCount;
}
