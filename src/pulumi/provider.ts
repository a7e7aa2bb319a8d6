// The dynamic provider. Pulumi serialises this object's methods as source text into the stack's state and
// runs them in its provider host, so they capture nothing: each imports the engine by package name.

import type * as pulumi from "@pulumi/pulumi";
import type { RotationPolicyOutputs } from "./engine.js";
import type { RotationPolicyInputs } from "./inputs.js";

type Provider = pulumi.dynamic.ResourceProvider<RotationPolicyInputs, RotationPolicyOutputs>;

export const rotationPolicyProvider: Provider = {
  async check(_olds, news) {
    const { checkInputs } = await import("kms-rotation/pulumi/engine");
    const { failures } = checkInputs(news, process.env);
    return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
  },

  async diff(_id, olds, news) {
    const { desiredOf, endpointIdentity, samePolicy } = await import("kms-rotation/pulumi/engine");
    const before = desiredOf(olds, process.env);
    const after = desiredOf(news, process.env);
    // Another key or region is another resource; intervals compare by length (30d == 720h).
    const replaces = [
      ...(before.key !== after.key ? ["key"] : []),
      ...(before.region !== after.region ? ["region"] : []),
    ];
    // A blank endpoint is none, as the client reads it ("  " -> unset is no change), and a trailing `/`
    // or a host's case is the same endpoint.
    const endpointChanged = endpointIdentity(olds) !== endpointIdentity(news);
    const changes = replaces.length > 0 || endpointChanged || !samePolicy(before.rotation, after.rotation);
    return { changes, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    const { reconcile } = await import("kms-rotation/pulumi/engine");
    const outs = await reconcile(inputs, process.env);
    return { id: `${outs.region}/${outs.keyId}`, outs };
  },

  async read(id, props) {
    const { readCurrent } = await import("kms-rotation/pulumi/engine");
    if (!props) return { id };
    const current = await readCurrent(props, process.env);
    return current ? { id, props: current } : {};
  },

  async update(_id, _olds, news) {
    const { reconcile } = await import("kms-rotation/pulumi/engine");
    return { outs: await reconcile(news, process.env) };
  },

  // Deleting the resource stops managing the key; its rotation stays as it is.
  async delete() {},
};
