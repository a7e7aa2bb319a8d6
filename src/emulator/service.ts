// The boundary between the emulator's HTTP edge and its state machine: an action in, a service answer out.
// The edge owns signatures, throttling, faults and the wire format; the core owns keys, rules, clock, disk.

export interface ServiceError {
  /** The service's HTTP status: 400, 404, 409, 429, 500, 503 ... */
  readonly status: number;
  /** The service's own code: `Forbidden.KeyNotFound`, `Rejected.UnsupportedOperation` ... */
  readonly code: string;
  readonly message: string;
}

export type ServiceOutcome =
  | { readonly ok: true; readonly body: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: ServiceError };

export interface Quota {
  readonly keys?: number;
  readonly aliases?: number;
  readonly versions?: number;
}

export interface ServiceOptions {
  readonly region: string;
  /** The account uid in ARNs (default a fixed 16-digit uid). */
  readonly accountId?: string;
  /** State file; absent means in memory only. */
  readonly statePath?: string;
  /** Fleet file (schemas/fleet.schema.json) that creates keys when the state is new. */
  readonly seedPath?: string;
  /** Start the simulated clock here, even over a saved clock. */
  readonly clock?: Date;
  /** Move the simulated clock forward to at least this instant (never back). */
  readonly clockAtLeast?: Date;
  readonly quota?: Quota;
  /** KMS instances to declare (the newer generation), instance id -> type; kept in the state. */
  readonly instances?: Readonly<Record<string, "software" | "hsm">>;
  /** Seconds after NextRotationDate passes before an automatic rotation happens (default 0: at once). */
  readonly rotationLagSeconds?: number;
}

export interface EmulatorService {
  readonly region: string;
  readonly accountId: string;
  /** True for every action the emulator implements. */
  knows(action: string): boolean;
  /**
   * Run one action. Parameters are the RPC parameters by their PascalCase names (common parameters
   * such as AccessKeyId already removed). A write is on disk before this returns.
   * The body is the success body without RequestId (the edge adds it).
   */
  call(action: string, params: Readonly<Record<string, string>>): ServiceOutcome;
  /**
   * Before `call`: whatever slow work the call needs done off the event loop (key material for a version's
   * first signing use). Never fails; the call answers any problem.
   */
  prepare(action: string, params: Readonly<Record<string, string>>): Promise<void>;
  /** Nonces of requests seen before (kept in the state), each with the real-time epoch ms it is fresh until. */
  savedNonces(): Readonly<Record<string, number>>;
  /** A request nonce seen now: kept with the state, written before the answer of any call that may write. */
  noteNonce(nonce: string, expiresAtMs: number): void;
  now(): Date;
  /** Throws StateWriteError (naming the file) when the move cannot be written; the clock is then unmoved. */
  setClock(to: Date): void;
  advanceClock(seconds: number): void;
  /** Flush and release the state file. */
  close(): void;
}
