// Hints about a valid config that a careful reader would give: a key named like an alias without
// `alias/`, a region KMS does not list. Warnings, not problems: the file may still be right.

import type { Config } from "../model/config.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { KNOWN_REGIONS } from "../model/regions.js";
import { didYouMean } from "../model/suggest.js";

/** Key ids KMS issues: a UUID, or `key-` and letters and digits (keys in KMS instances). */
const ISSUED_KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|key-[a-z0-9]+)$/i;

function fallbackRegion(config: Config): string | undefined {
  const provider = config.provider;
  return config.defaultRegion ?? provider.region;
}

export function configHints(config: Config): Diagnostic[] {
  const hints: Diagnostic[] = [];
  const regionsSeen = new Set<string>();
  for (const key of config.keys) {
    const where = key.source ? { position: key.source } : { key: key.key };
    if (key.ref.kind === "id" && !ISSUED_KEY_ID.test(key.ref.keyId)) {
      hints.push({
        severity: "warning",
        code: "config",
        ...where,
        message: `${key.key} is not a key id KMS issues (a UUID or key-...); did you mean alias/${key.key}?`,
      });
    }
    if (!KNOWN_REGIONS.includes(key.region) && !regionsSeen.has(key.region)) {
      regionsSeen.add(key.region);
      const near = didYouMean(key.region, KNOWN_REGIONS);
      // A region the key takes from defaults (or the provider) is written there: point at that line.
      const fallback = key.region === fallbackRegion(config) ? config.fallbackRegionSource : undefined;
      hints.push({
        severity: "warning",
        code: "config",
        ...(fallback ? { position: fallback } : where),
        message: `region ${key.region} is not one KMS is known to offer${near ? `; did you mean ${near}?` : ""}`,
      });
    }
  }
  return hints;
}
