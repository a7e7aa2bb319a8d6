// One verdict on whether a failure is the key's or its region's: the read side stops a region on it, apply
// marks each of the region's keys with it, and the diagnostics group a dead endpoint's keys by it.

import { describe, expect, it } from "vitest";
import { ENDPOINT_CODES, isRegionWide, regionWideCode } from "../../src/kms/region-wide.js";

describe("a region-wide failure", () => {
  it("is the endpoint, the credentials, an interrupt, or a connection that never carried the request", () => {
    const wide = (code: string, outcomeUnknown = false) => isRegionWide({ code, outcomeUnknown });
    expect(
      ["EndpointUnreachable", "CredentialsNotFound", "Aborted", "NetworkError"].map((c) => wide(c)),
    ).toEqual([true, true, true, true]);
    // A request that may have reached KMS, a throttle, a key's own error: not the region's.
    expect([
      wide("NetworkError", true),
      wide("Throttling"),
      wide("Forbidden.KeyNotFound"),
      wide("Timeout"),
    ]).toEqual([false, false, false, false]);
  });

  it("leaves each key of its region no credentials or no endpoint", () => {
    expect(regionWideCode("CredentialsNotFound")).toBe("CredentialsNotFound");
    expect(regionWideCode("Aborted")).toBe("EndpointUnreachable");
    expect(regionWideCode("NetworkError")).toBe("EndpointUnreachable");
  });

  it("may be a timeout when several keys of one endpoint share it", () => {
    expect([...ENDPOINT_CODES].sort()).toEqual([
      "CredentialsNotFound",
      "EndpointUnreachable",
      "NetworkError",
      "Timeout",
    ]);
  });
});
