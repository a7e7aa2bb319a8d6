// Open one region of one account: the core state machine over a durable state file, a simulated clock,
// and a seed fleet on first use. This is the only door the HTTP edge uses.

import { randomUUID } from "node:crypto";
import { SimulatedClock } from "./core/clock.js";
import { knowsAction, runAction } from "./core/dispatch.js";
import { runDueEvents } from "./core/rotation.js";
import type { InstanceType } from "./core/rules.js";
import { CoreState } from "./core/state.js";
import { instantRangeProblem, LATEST_INSTANT_MS, toSeconds } from "./core/time.js";
import type { Context } from "./core/types.js";
import { readFleet, seedRecords } from "./seed.js";
import type { EmulatorService, ServiceOptions, ServiceOutcome } from "./service.js";
import { StateFile, type StateSnapshot } from "./store.js";

export const DEFAULT_ACCOUNT_ID = "1234567890123456";

export function openService(options: ServiceOptions): EmulatorService {
  const opened = options.statePath ? StateFile.open(options.statePath) : undefined;
  try {
    return openOn(options, opened);
  } catch (error) {
    opened?.file.abandon();
    throw error;
  }
}

function openOn(options: ServiceOptions, opened: ReturnType<typeof StateFile.open> | undefined) {
  const saved = opened?.snapshot;
  // A seed applies only to a new state: a restart never adds keys the user may have deleted since.
  const fleet = !saved && options.seedPath ? readFleet(options.seedPath) : undefined;
  const accountId = options.accountId ?? (saved?.accountId || fleet?.fleet.account || DEFAULT_ACCOUNT_ID);
  const clock = new SimulatedClock(startClock(options, saved), () => Date.now());
  const state = new CoreState(options.rotationLagSeconds ?? 0);
  if (saved) state.restore(saved.keys, saved.aliases);
  declareInstances(state.instances, Object.entries(saved?.instances ?? {}), "the state file");
  if (fleet) {
    const seeded = seedRecords(fleet, {
      region: options.region,
      accountId,
      now: toSeconds(clock.nowMs()),
      newId: randomUUID,
    });
    declareInstances(state.instances, seeded.instances, options.seedPath ?? "the seed");
    state.restore(seeded.keys, seeded.aliases);
  }
  const added = declareInstances(state.instances, Object.entries(options.instances ?? {}), "--instance");
  // Instances are kept in snapshots only, so a newly declared one is written with a fresh snapshot.
  return new Service(options, accountId, clock, state, opened?.file, saved === undefined || added);
}

/**
 * Add instances to the state's; true when one was new. An instance declared again with another type
 * is refused: its keys' ProtectionLevel was set from the first.
 */
function declareInstances(
  into: Map<string, InstanceType>,
  declared: Iterable<[string, InstanceType]>,
  source: string,
): boolean {
  let added = false;
  for (const [id, type] of declared) {
    const before = into.get(id);
    if (before !== undefined && before !== type) {
      throw new Error(`KMS instance ${id} is ${before} already; ${source} declares it ${type}`);
    }
    if (before === undefined) added = true;
    into.set(id, type);
  }
  return added;
}

function startClock(options: ServiceOptions, saved: StateSnapshot | undefined): number {
  // A state file's clock is the emulator's own: one that stopped at the last instant (or a file written
  // before the clock stopped there) starts where it can, not refused.
  const savedMs = saved?.clockMs === undefined ? undefined : Math.min(saved.clockMs, LATEST_INSTANT_MS);
  const start = options.clock?.getTime() ?? savedMs ?? Date.now();
  const atLeast = options.clockAtLeast?.getTime();
  return clockInRange(atLeast !== undefined && atLeast > start ? atLeast : start);
}

/** A clock the service's dates can show; past it, automatic rotation would catch up for millennia. */
function clockInRange(ms: number): number {
  const problem = instantRangeProblem(ms);
  if (problem) throw new RangeError(`the clock ${problem}`);
  return ms;
}

class Service implements EmulatorService {
  readonly region: string;

  constructor(
    private readonly options: ServiceOptions,
    readonly accountId: string,
    private readonly clock: SimulatedClock,
    private readonly state: CoreState,
    private readonly file: StateFile | undefined,
    rewrite: boolean,
  ) {
    this.region = options.region;
    if (rewrite) this.file?.compact(this.snapshot());
    else this.file?.commit(this.clock.nowMs(), undefined, () => this.snapshot());
  }

  knows(action: string): boolean {
    return knowsAction(action);
  }

  call(action: string, params: Readonly<Record<string, string>>): ServiceOutcome {
    const ctx = this.context();
    runDueEvents(this.state, ctx);
    try {
      return runAction(this.state, ctx, action, params);
    } finally {
      this.commitChanges();
    }
  }

  now(): Date {
    return new Date(this.clock.nowMs());
  }

  setClock(to: Date): void {
    this.clock.set(clockInRange(to.getTime()));
    this.afterClockMove();
  }

  advanceClock(seconds: number): void {
    this.clock.set(clockInRange(this.clock.nowMs() + seconds * 1000));
    this.afterClockMove();
  }

  close(): void {
    this.commitChanges();
    this.file?.close(this.snapshot());
  }

  private afterClockMove(): void {
    runDueEvents(this.state, this.context());
    const changes = this.state.takeChanges();
    this.file?.commit(this.clock.nowMs(), changes, () => this.snapshot());
  }

  private commitChanges(): void {
    if (!this.state.hasChanges) return;
    const changes = this.state.takeChanges();
    this.file?.commit(this.clock.nowMs(), changes, () => this.snapshot());
  }

  private context(): Context {
    return {
      region: this.region,
      accountId: this.accountId,
      now: toSeconds(this.clock.nowMs()),
      quota: this.options.quota ?? {},
      newId: randomUUID,
      rotationLag: this.options.rotationLagSeconds ?? 0,
    };
  }

  private snapshot(): StateSnapshot {
    return {
      region: this.region,
      accountId: this.accountId,
      clockMs: this.clock.nowMs(),
      instances: Object.fromEntries(this.state.instances),
      keys: [...this.state.keys.values()],
      aliases: [...this.state.aliases.values()],
    };
  }
}
