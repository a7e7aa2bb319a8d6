// Whether a KMS failure belongs to one key or to its whole (account, region): decided here once, for the
// read side, apply's pipeline and the diagnostics that group a dead endpoint's keys into one line.

/** Codes about the endpoint or the credentials, never one key: every key of the (account, region) meets them. */
export const REGION_WIDE_CODES: ReadonlySet<string> = new Set(["EndpointUnreachable", "CredentialsNotFound"]);

/** Codes that may be the endpoint rather than the key: region-wide outright, or when several keys share one. */
export const ENDPOINT_CODES: ReadonlySet<string> = new Set([...REGION_WIDE_CODES, "Timeout", "NetworkError"]);

/**
 * A failure that ends a region's reads rather than one key's: the endpoint or the credentials, an
 * interrupt, or a connection that never carried the request. The one place this is decided.
 */
export function isRegionWide(error: { readonly code: string; readonly outcomeUnknown: boolean }): boolean {
  return (
    REGION_WIDE_CODES.has(error.code) ||
    error.code === "Aborted" ||
    (error.code === "NetworkError" && !error.outcomeUnknown)
  );
}

/** The code a region-wide failure leaves on each key of its region: no credentials, or no endpoint. */
export function regionWideCode(code: string): "CredentialsNotFound" | "EndpointUnreachable" {
  return code === "CredentialsNotFound" ? code : "EndpointUnreachable";
}
