// The emulator's state as plain data: what one region of one account holds. Times are whole epoch
// seconds so comparisons are exact and records serialise as they are.

export type KeyState = "Enabled" | "Disabled" | "PendingDeletion" | "PendingImport";

export interface VersionRecord {
  readonly id: string;
  /** Epoch seconds. */
  readonly created: number;
  /** Asymmetric keys: the private key (PKCS#8 PEM), made on first use by a signing operation. */
  readonly material?: string;
}

export interface RotationPolicy {
  /** Seconds between automatic rotations. */
  readonly interval: number;
}

export interface KeyRecord {
  readonly keyId: string;
  readonly spec: string;
  readonly usage: string;
  readonly origin: string;
  readonly protectionLevel: string;
  /** The account uid for user keys; a service name (`Oss`, `Rds` ...) for service-managed keys. */
  readonly creator: string;
  readonly description: string;
  readonly state: KeyState;
  readonly created: number;
  /** PendingDeletion only. */
  readonly deleteDate?: number;
  /** Oldest first; the last is the primary version. */
  readonly versions: readonly VersionRecord[];
  /** Automatic rotation configured (shown as Enabled, or Suspended while the key is not Enabled). */
  readonly rotation?: RotationPolicy;
  /**
   * With a rotation lag: when the rotation that was already overdue as rotation started (policy enabled,
   * key enabled again) happens. Without a lag that rotation happens inside the call.
   */
  readonly pendingRotationAt?: number;
  readonly dkmsInstanceId?: string;
  /** BYOK key whose material was never imported: CancelKeyDeletion returns it to PendingImport. */
  readonly awaitingImport?: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

export interface AliasRecord {
  /** Full name, `alias/<name>`. */
  readonly name: string;
  readonly keyId: string;
}

export interface Quota {
  readonly keys?: number;
  readonly aliases?: number;
  readonly versions?: number;
}

/** What an action may read about the world besides the state. */
export interface Context {
  readonly region: string;
  readonly accountId: string;
  /** Simulated now, epoch seconds. */
  readonly now: number;
  readonly quota: Quota;
  readonly newId: () => string;
  /** Seconds after NextRotationDate passes before the rotation happens (`--rotation-lag`; 0 = at once). */
  readonly rotationLag: number;
  /** Key material made ahead (off the event loop) for this version, if any; taken once. */
  readonly takeMaterial?: (versionId: string) => string | undefined;
}

export interface ServiceFault {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type Body = Record<string, unknown>;
