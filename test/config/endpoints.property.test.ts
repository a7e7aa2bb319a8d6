// The config file and the KMS client agree on every endpoint: what validate accepts, the client can use,
// and what the client refuses, validate refuses first (with a position). No URL's password is printed.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { resolveEndpoint } from "../../src/kms/endpoint.js";

// Nothing half the time, so plenty of URLs are sound and the rule's accepting side is reached too.
const piece = fc.oneof(
  fc.constant(""),
  fc.constantFrom("u:pw-secret@", "/", "/path", "?q=1", "#f", ":8300", ":99999", ":0", " "),
);
const endpoint = fc
  .tuple(
    fc.constantFrom("http://", "https://", "ftp://", ""),
    piece,
    fc.constantFrom("127.0.0.1", "kms.cn-hangzhou.aliyuncs.com", "[::1]", "", "h st"),
    piece,
    piece,
  )
  .map((parts) => parts.join(""));

function fileWith(url: string): string {
  return `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\n    endpoints:\n      cn-hangzhou: ${JSON.stringify(url)}\nkeys:\n  - key: alias/a\n    rotation: { mode: off }\n`;
}

describe("endpoint rule", () => {
  it("config validation accepts no endpoint the KMS client refuses, and agrees on every http(s) URL", () => {
    // Each side of the rule, and a refused URL with a password in it: a generator that stops making one fails.
    const seen = { accepted: 0, refusedUrl: 0, refusedOther: 0, refusedWithPassword: 0 };
    fc.assert(
      fc.property(endpoint, (url) => {
        const result = parseConfig(fileWith(url), "c.yaml");
        let clientAccepts = true;
        try {
          resolveEndpoint("cn-hangzhou", url);
        } catch {
          clientAccepts = false;
        }
        const accepted = result.problems.length === 0;
        const why = `${url}: ${result.problems.map((p) => p.message)}`;
        // What validate accepts, plan can use.
        if (accepted) expect(clientAccepts, why).toBe(true);
        // The file asks for a full http(s) URL (no bare host, no blanks); among those, the two agree exactly.
        if (/^https?:\/\/\S*$/.test(url)) expect(accepted, why).toBe(clientAccepts);
        for (const p of result.problems) expect(p.message).not.toContain("pw-secret");
        if (accepted) seen.accepted++;
        else if (/^https?:\/\/\S*$/.test(url)) seen.refusedUrl++;
        else seen.refusedOther++;
        if (!accepted && url.includes("pw-secret")) seen.refusedWithPassword++;
      }),
      { numRuns: 300 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});
