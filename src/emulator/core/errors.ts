// The service's refusals, by its own codes and HTTP statuses. Actions throw a Refusal before they change
// anything; the dispatcher turns it into an error outcome.

import type { ServiceFault } from "./types.js";

export class Refusal extends Error {
  readonly fault: ServiceFault;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.fault = { status, code, message };
  }
}

export const missingParameter = (name: string): Refusal =>
  new Refusal(
    400,
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );

export const invalidParameter = (name: string, why?: string): Refusal =>
  new Refusal(
    400,
    "InvalidParameter",
    `The specified parameter ${name} is not valid.${why ? ` ${why}` : ""}`,
  );

export const unsupported = (message: string): Refusal =>
  new Refusal(400, "Rejected.UnsupportedOperation", message);

export const limitExceeded = (message: string): Refusal =>
  new Refusal(400, "Rejected.LimitExceeded", message);

export const keyNotFound = (): Refusal =>
  new Refusal(404, "Forbidden.KeyNotFound", "The specified Key is not found.");

export const aliasNotFound = (): Refusal =>
  new Refusal(404, "Forbidden.AliasNotFound", "The specified Alias is not found.");

export const versionNotFound = (): Refusal =>
  new Refusal(404, "Forbidden.KeyVersionNotFound", "The specified KeyVersion is not found.");

export const aliasExists = (): Refusal =>
  new Refusal(400, "AliasAlreadyExists", "The specified Alias already exists.");

export const unknownAction = (): Refusal =>
  new Refusal(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");

/** The state table's 409s. */
export const rejected = (code: string, message: string): Refusal => new Refusal(409, code, message);
