// The KMS client the rest of the product uses: our `Kms` interface, its SDK adapter and its errors.
// Loading this module does not load the SDK; the first call does.

export { createKms, type KmsOptions } from "./client.js";
export { ACCOUNT_CREDENTIALS_FAILED } from "./credentials.js";
export { isKmsError, KmsError } from "./errors.js";
export { AdaptiveLimiter } from "./limiter.js";
export type { RetryInfo } from "./retry.js";
export type { StaticCredentials } from "./transport.js";
export type { AliasListing, CallOptions, KeyListing, KeyVersion, Kms, Page, Tag } from "./types.js";
