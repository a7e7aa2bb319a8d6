// The words for `import`: a shard with no region to read, and the refusal of another region's keys.

import type { Shard } from "../model/index.js";

/** `shard 2/2 has nothing to do: 1 regions given, none falls to it` */
export function idleImportShardText(shard: Shard, given: number): string {
  return `shard ${shard.index}/${shard.count} has nothing to do: ${given} ${given === 1 ? "region" : "regions"} given, none falls to it`;
}

/** An endpoint asked for `region` answered with a key whose ARN names another; nothing is written. */
export function otherRegionKeysText(region: string, arn: string): string {
  return `the endpoint for ${region} answered with keys of another region (${arn}); nothing was written`;
}
