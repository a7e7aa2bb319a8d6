// The vocabulary shared by every stage: types and tiny pure helpers, no I/O.

export * from "./apply-result.js";
export * from "./compliance.js";
export * from "./config.js";
export * from "./diagnostic.js";
export * from "./drift.js";
export * from "./duration.js";
export * from "./endpoint.js";
export * from "./escape.js";
export * from "./fingerprint.js";
export * from "./forecast.js";
export * from "./instant.js";
export * from "./key-ref.js";
export * from "./key-spec.js";
export * from "./observed.js";
export * from "./paging.js";
export * from "./plan.js";
export * from "./policy.js";
export * from "./problems.js";
export * from "./publish.js";
export * from "./regions.js";
export * from "./report.js";
export * from "./shard.js";
export * from "./signing.js";
export * from "./source.js";
export * from "./suggest.js";
export * from "./yaml-errors.js";
