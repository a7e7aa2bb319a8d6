// The dynamic provider. Pulumi serialises this object into the stack's state, so it holds no clients
// or module state: each method imports what it needs when it runs.

import type * as pulumi from "@pulumi/pulumi";
import type { RotationPolicyOutputs } from "./engine.js";
import type { RotationPolicyInputs } from "./inputs.js";

type Provider = pulumi.dynamic.ResourceProvider<RotationPolicyInputs, RotationPolicyOutputs>;

export const rotationPolicyProvider: Provider = {
  async check(_olds, news) {
    const { checkInputs } = await import("./inputs.js");
    const { failures } = checkInputs(news, process.env);
    return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
  },

  async diff(_id, olds, news) {
    const { desiredOf } = await import("./engine.js");
    const { samePolicy } = await import("../model/index.js");
    const before = desiredOf(olds, process.env);
    const after = desiredOf(news, process.env);
    // Another key or region is another resource; intervals compare by length (30d == 720h).
    const replaces = [
      ...(before.key !== after.key ? ["key"] : []),
      ...(before.region !== after.region ? ["region"] : []),
    ];
    const endpointChanged = (olds.endpoint ?? "") !== (news.endpoint ?? "");
    const changes = replaces.length > 0 || endpointChanged || !samePolicy(before.rotation, after.rotation);
    return { changes, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    const { reconcile } = await import("./engine.js");
    const outs = await reconcile(inputs, process.env);
    return { id: `${outs.region}/${outs.keyId}`, outs };
  },

  async read(id, props) {
    const { readCurrent } = await import("./engine.js");
    if (!props) return { id };
    const current = await readCurrent(props, process.env);
    return current ? { id, props: current } : {};
  },

  async update(_id, _olds, news) {
    const { reconcile } = await import("./engine.js");
    return { outs: await reconcile(news, process.env) };
  },

  // Deleting the resource stops managing the key; its rotation stays as it is.
  async delete() {},
};
