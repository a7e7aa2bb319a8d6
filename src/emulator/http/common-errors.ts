// The platform's own errors, answered before an action reaches the service core.

import type { ServiceError } from "../service.js";

const error = (status: number, code: string, message: string): ServiceError => ({ status, code, message });

export const commonErrors = {
  missingParameter: (name: string) =>
    error(
      400,
      "MissingParameter",
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  invalidParameter: (name: string) =>
    error(400, "InvalidParameter", `The specified parameter "${name}" is not valid.`),
  /** The gateway's answers, word for word as the service gives them (kms-api.md, "Two generations"). */
  unknownAction: () =>
    error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
  invalidVersion: () => error(400, "InvalidVersion", "Specified parameter Version is not valid."),
  missingTimestamp: (name = "Timestamp") =>
    error(
      400,
      "IllegalTimestamp",
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  incompleteSignature: (detail: string) =>
    error(
      400,
      "IncompleteSignature",
      `The request signature does not conform to Aliyun standards. ${detail}`,
    ),
  signatureMismatch: (stringToSign: string) =>
    error(
      400,
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    ),
  // The service signs one value per name; a request carrying a second is not what was signed.
  duplicateParameter: (name: string) =>
    error(
      400,
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation: the parameter "${name}" is given more than once, and a signature covers one value of each.`,
    ),
  unknownAccessKey: () => error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  invalidTimestamp: () =>
    error(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
  expiredTimestamp: () =>
    error(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
  nonceUsed: () => error(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
  securityToken: (reason: "missing" | "malformed" | "mismatch" | "expired") => {
    switch (reason) {
      case "missing":
      case "malformed":
        return error(
          400,
          "InvalidSecurityToken.Malformed",
          "Specified SecurityToken is malformed or missing.",
        );
      case "mismatch":
        return error(
          400,
          "InvalidSecurityToken.MismatchWithAccessKey",
          "Specified SecurityToken mismatch with the AccessKey.",
        );
      case "expired":
        return error(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
      default:
        return reason satisfies never;
    }
  },
  unsupportedMethod: (method: string) =>
    error(400, "UnsupportedHTTPMethod", `The HTTP method "${method}" is not supported; use GET or POST.`),
  tooLarge: () => error(413, "RequestTooLarge", "The request body is too large."),
};
