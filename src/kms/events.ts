// What a KMS client reports while it works, for progress displays: retries (throttled or not) and the
// moment an endpoint is given up on. The library never prints; the CLI decides how to show these.

export type KmsEvent =
  | {
      readonly type: "retry";
      readonly region: string;
      readonly action: string;
      /** The attempt that failed, from 1. */
      readonly attempt: number;
      /** The service asked us to slow down (the pacer has slowed); otherwise a fault. */
      readonly throttled: boolean;
      readonly code: string;
      /** The paced rate of the action's group after this failure, calls per second. */
      readonly rate: number;
    }
  | { readonly type: "unreachable"; readonly region: string; readonly endpoint: string };
