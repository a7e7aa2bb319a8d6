// Open one region of one account: the core state machine over a durable state file, a simulated clock,
// and a seed fleet on first use. This is the only door the HTTP edge uses.

import { randomUUID } from "node:crypto";
import { SimulatedClock } from "./core/clock.js";
import { knowsAction, runAction } from "./core/dispatch.js";
import { resolveKey } from "./core/resolve.js";
import { runDueEvents } from "./core/rotation.js";
import type { InstanceType } from "./core/rules.js";
import { CoreState } from "./core/state.js";
import { instantRangeProblem, LATEST_INSTANT_MS, toSeconds } from "./core/time.js";
import type { Context } from "./core/types.js";
import { MaterialAhead } from "./material-ahead.js";
import { NonceLedger } from "./nonce-ledger.js";
import { readFleet, seedRecords } from "./seed.js";
import type { EmulatorService, ServiceError, ServiceOptions, ServiceOutcome } from "./service.js";
import { StateFile, type StateSnapshot, StateWriteError } from "./store.js";

/** What a call whose write could not reach the disk is answered: it did not happen. */
const NOT_WRITTEN: ServiceError = {
  status: 500,
  code: "InternalFailure",
  message: "The request processing has failed due to some unknown error.",
};

/** Actions that never change what the service holds (GetPublicKey may make material: its write is journaled). */
const READ_ONLY = /^(Describe|List|Get|AsymmetricSign$|AsymmetricVerify$)/;

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
  const nonces = new NonceLedger(saved?.nonces, () => Date.now());
  return new Service(options, accountId, clock, state, nonces, opened?.file, saved === undefined || added);
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
  private readonly ahead = new MaterialAhead();

  constructor(
    private readonly options: ServiceOptions,
    readonly accountId: string,
    private readonly clock: SimulatedClock,
    private readonly state: CoreState,
    private readonly nonces: NonceLedger,
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

  /**
   * Run the action, then put what it changed on disk before answering. A change the disk refuses (a full
   * disk) is undone in memory and answered 500: it never happened. Reads go on answering meanwhile.
   */
  call(action: string, params: Readonly<Record<string, string>>): ServiceOutcome {
    const ctx = this.context();
    this.settleDueEvents(ctx);
    let outcome: ServiceOutcome;
    try {
      outcome = runAction(this.state, ctx, action, params);
    } catch (error) {
      this.state.rollback();
      throw error;
    }
    const mayWrite = !READ_ONLY.test(action);
    if (!this.state.hasChanges && !(mayWrite && this.nonces.hasUnwritten)) return outcome;
    try {
      this.persist();
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      this.state.rollback();
      return { ok: false, error: NOT_WRITTEN };
    }
    return outcome;
  }

  prepare(action: string, params: Readonly<Record<string, string>>): Promise<void> {
    return this.ahead.prepare(action, params, (keyIdParam) => {
      try {
        return resolveKey(this.state, this.context(), keyIdParam);
      } catch {
        // Unknown key or alias: the call itself answers that.
        return undefined;
      }
    });
  }

  savedNonces(): Readonly<Record<string, number>> {
    return this.nonces.unexpired();
  }

  noteNonce(nonce: string, expiresAtMs: number): void {
    this.nonces.note(nonce, expiresAtMs);
  }

  now(): Date {
    return new Date(this.clock.nowMs());
  }

  setClock(to: Date): void {
    const previous = this.clock.nowMs();
    this.clock.set(clockInRange(to.getTime()));
    this.afterClockMove(previous);
  }

  advanceClock(seconds: number): void {
    const previous = this.clock.nowMs();
    this.clock.set(clockInRange(previous + seconds * 1000));
    this.afterClockMove(previous);
  }

  close(): void {
    this.file?.close(this.snapshot());
  }

  /** Rotations and purges that fell due, on disk; if the disk refuses, they wait for the next call. */
  private settleDueEvents(ctx: Context): void {
    runDueEvents(this.state, ctx);
    if (!this.state.hasChanges) return;
    try {
      this.persist();
    } catch (error) {
      if (!(error instanceof StateWriteError)) throw error;
      this.state.rollback();
    }
  }

  /** A clock move is a write: on disk with what fell due, or undone (clock included) and thrown. */
  private afterClockMove(previousMs: number): void {
    runDueEvents(this.state, this.context());
    try {
      this.persist();
    } catch (error) {
      this.state.rollback();
      this.clock.set(previousMs);
      throw error;
    }
  }

  /** The changes and unwritten nonces as one journal line, wholly on disk; throws StateWriteError if not. */
  private persist(): void {
    this.file?.commit(
      this.clock.nowMs(),
      this.state.pendingChanges,
      () => this.snapshot(),
      this.nonces.pending,
    );
    this.state.takeChanges();
    this.nonces.written();
  }

  private context(): Context {
    return {
      region: this.region,
      accountId: this.accountId,
      now: toSeconds(this.clock.nowMs()),
      quota: this.options.quota ?? {},
      newId: randomUUID,
      rotationLag: this.options.rotationLagSeconds ?? 0,
      takeMaterial: (versionId) => this.ahead.take(versionId),
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
      nonces: this.nonces.unexpired(),
    };
  }
}
