// Fleets for the fleet-limit tests: keys that need a policy update, manual keys that are due, and keys
// that need nothing (automatic already matching, manual not yet due), built in emulators.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { advanceDays, call, createKey, emulator } from "../helpers/fleet.js";

export interface FleetKeys {
  readonly update: string[];
  readonly due: string[];
  readonly unchanged: string[];
  /** The rotation each key is declared with, by key. */
  readonly declared: Map<string, string>;
}

/** The service's default quota per second, per operation group. */
export const SERVICE_QUOTA = { read: 20, write: 10, create: 10 };

/** `--now` at an emulator's clock. */
export const nowOf = (emu: RunningEmulator) => ["--now", emu.service.now().toISOString()];

/**
 * Starts emulators for one region each, all closed after each test; a test may close one earlier (an
 * endpoint gone dark), and closing twice is harmless.
 */
export function useRegions() {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  return async (
    name: string,
    options: Omit<Parameters<typeof emulator>[0], "region"> = {},
  ): Promise<RunningEmulator> => {
    const started = await emulator({ ...options, region: name });
    let closed: Promise<void> | undefined;
    const emu = { ...started, close: () => (closed ??= started.close()) };
    running.push(emu);
    return emu;
  };
}

const AUTOMATIC = "{ mode: automatic, interval: 30d }";
const MANUAL = "{ mode: manual, interval: 90d }";

/** Aliases in `emu`; the clock moves 100 days so the first manual keys are due and the later ones not. */
export function makeFleet(
  emu: RunningEmulator,
  n: { update: number; due: number; unchanged: number },
): FleetKeys {
  const fleet: FleetKeys = { update: [], due: [], unchanged: [], declared: new Map() };
  const add = (list: string[], alias: string, declared: string) => {
    list.push(alias);
    fleet.declared.set(alias, declared);
  };
  for (let i = 0; i < n.due; i += 1) {
    add(fleet.due, createAlias(emu, `alias/due-${i}`, { spec: "RSA_2048" }), MANUAL);
  }
  advanceDays(emu, 100);
  for (let i = 0; i < n.update; i += 1) add(fleet.update, createAlias(emu, `alias/update-${i}`), AUTOMATIC);
  for (let i = 0; i < n.unchanged; i += 1) {
    const manual = i % 2 === 1;
    const alias = manual
      ? createAlias(emu, `alias/fresh-signer-${i}`, { spec: "EC_P256" })
      : createAlias(emu, `alias/matched-${i}`, { rotation: "2592000s" });
    add(fleet.unchanged, alias, manual ? MANUAL : AUTOMATIC);
  }
  return fleet;
}

function createAlias(emu: RunningEmulator, alias: string, o: Parameters<typeof createKey>[1] = {}): string {
  createKey(emu, { ...o, alias });
  return alias;
}

/** One config over every region, each served by its emulator. */
export function fleetConfig(
  dir: string,
  regions: readonly RunningEmulator[],
  fleets: readonly FleetKeys[],
): string {
  const endpoints = regions.map((emu) => `      ${emu.service.region}: ${emu.url}\n`).join("");
  const keys = fleets
    .flatMap((fleet, i) =>
      [...fleet.declared].map(
        ([key, rotation]) =>
          `  - key: ${key}\n    region: ${regions[i]?.service.region}\n    rotation: ${rotation}\n`,
      ),
    )
    .join("");
  const file = join(dir, "fleet.yaml");
  writeFileSync(file, `version: 1\nprovider:\n  alibaba:\n    endpoints:\n${endpoints}keys:\n${keys}`);
  return file;
}

/** What the emulator holds for a key: its automatic rotation and its number of versions. */
export function keyState(emu: RunningEmulator, key: string): { rotation: string; versions: number } {
  const meta = call(emu, "DescribeKey", { KeyId: key }).KeyMetadata;
  const versions = call(emu, "ListKeyVersions", { KeyId: meta.KeyId, PageSize: "1" }).TotalCount;
  return { rotation: meta.AutomaticRotation, versions: Number(versions) };
}
