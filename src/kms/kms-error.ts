// The error every KMS failure becomes: the service's code, the HTTP status and whether retrying can help.
// What a failure means (errors.ts) decides the fields; everyone else reads them.

import type { KmsError as KmsErrorShape } from "./types.js";

export interface KmsErrorInit {
  readonly code: string;
  readonly message: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly cause?: unknown;
}

/**
 * A failure of a KMS call, in our terms: the service's code, the HTTP status and whether retrying can help.
 * SDK errors never leave src/kms; this does. `message` is the text alone; the code is in `code`.
 *
 * @example
 * ```ts
 * try { await kms.describeKey("alias/x"); } catch (e) { if (e instanceof KmsError) console.error(e.code, e.status); }
 * ```
 */
export class KmsError extends Error implements KmsErrorShape {
  override readonly name = "KmsError" as const;
  readonly code: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: KmsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown;
  }
}

/**
 * Whether an error is a KMS error (`code`, `status`, `retryable`) rather than a bug.
 *
 * @example
 * ```ts
 * try { await kms.describeKey("alias/x"); } catch (e) { if (isKmsError(e)) console.error(e.code); else throw e; }
 * ```
 */
export function isKmsError(value: unknown): value is KmsError {
  return (
    value instanceof KmsError || (value instanceof Error && value.name === "KmsError" && "code" in value)
  );
}

/**
 * A KMS failure as one text for people, when it is shown without its code beside it (a diagnostic, an
 * error thrown to a caller): the service's answers lead with their code (`Forbidden.KeyNotFound: ...`);
 * our own failures (unreachable, timed out, no credentials) are already whole sentences.
 */
export function kmsErrorText(error: Pick<KmsErrorShape, "code" | "message" | "status">): string {
  return error.status === undefined ? error.message : `${error.code}: ${error.message}`;
}
