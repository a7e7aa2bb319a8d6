// The --format values, listed once: what `render` accepts, and every format some command writes (so a
// format of another command is told apart from a typo).

/** Every format some kind renders as, for --format: junit for drift, csv and sarif for audit,
 * openmetrics for both, ics for forecast, jwks and pem for publish. */
export const RENDER_FORMATS = [
  "text",
  "json",
  "markdown",
  "junit",
  "csv",
  "ics",
  "sarif",
  "openmetrics",
  "jwks",
  "pem",
] as const;

/** Every --format some command writes: the views (as `render` has them), validate's github, import's yaml. */
export const EVERY_FORMAT: ReadonlySet<string> = new Set([...RENDER_FORMATS, "github", "yaml"]);
