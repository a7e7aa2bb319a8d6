// Key specs as the service names them; whether a spec is symmetric decides which rotation it supports.

export const SYMMETRIC_KEY_SPECS = [
  "Aliyun_AES_256",
  "Aliyun_AES_128",
  "Aliyun_AES_192",
  "Aliyun_SM4",
] as const;
export const ASYMMETRIC_KEY_SPECS = ["RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "EC_SM2"] as const;

/** The service's hard cap on versions of one key, the first (made by CreateKey) included. */
export const MAX_KEY_VERSIONS = 50;

export function isSymmetricSpec(spec: string): boolean {
  return (SYMMETRIC_KEY_SPECS as readonly string[]).includes(spec);
}
