// Pulumi entry (kms-rotation/pulumi): a key's rotation as a resource, built on the CLI's planner and executor.

import * as pulumi from "@pulumi/pulumi";
import type { RotationPolicyOutputs } from "./engine.js";
import type { RotationPolicyInputs } from "./inputs.js";
import { rotationPolicyProvider } from "./provider.js";

export type { RotationPolicyOutputs } from "./engine.js";
export type { RotationPolicyInputs } from "./inputs.js";
export { rotationPolicyProvider } from "./provider.js";

export interface RotationPolicyArgs {
  readonly key: pulumi.Input<string>;
  readonly region?: pulumi.Input<string>;
  readonly endpoint?: pulumi.Input<string>;
  readonly rotation: pulumi.Input<{
    readonly mode: pulumi.Input<RotationPolicyInputs["rotation"]["mode"]>;
    readonly interval?: pulumi.Input<string>;
  }>;
}

/** A KMS key's rotation, declared: `new RotationPolicy("orders-db", { key: "alias/orders-db", rotation: { mode: "automatic", interval: "90d" } })`. */
export class RotationPolicy extends pulumi.dynamic.Resource {
  declare readonly key: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly endpoint: pulumi.Output<string | undefined>;
  declare readonly rotation: pulumi.Output<RotationPolicyOutputs["rotation"]>;
  declare readonly keyId: pulumi.Output<string>;
  declare readonly arn: pulumi.Output<string>;

  constructor(name: string, args: RotationPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      rotationPolicyProvider,
      name,
      { keyId: undefined, arn: undefined, ...args },
      opts,
      "kms-rotation",
      "RotationPolicy",
    );
  }
}
