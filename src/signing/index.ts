// The `kms-rotation/signing` entry: sign with the version `kms-rotation apply` made active, never with
// one verifiers cannot yet know (CONTRACT section 12).

export type { JoseAlgorithm } from "../model/index.js";
export { activeSigningKey, type SigningKey, type SigningKeyOptions } from "./active-key.js";
export { derToJose } from "./der.js";
export { type SignJwsOptions, signJws } from "./jws.js";
