// What CreateKey accepts: specs, the usages each spec allows, origins and protection levels. The
// emulator's own statement of the service's specs, like its rules table (rules.ts).

export const SYMMETRIC_SPECS: readonly string[] = [
  "Aliyun_AES_256",
  "Aliyun_AES_128",
  "Aliyun_AES_192",
  "Aliyun_SM4",
];
export const ASYMMETRIC_SPECS: readonly string[] = ["RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "EC_SM2"];
export const KEY_SPECS: readonly string[] = [...SYMMETRIC_SPECS, ...ASYMMETRIC_SPECS];
export const ORIGINS = ["Aliyun_KMS", "EXTERNAL"] as const;
export const PROTECTION_LEVELS = ["SOFTWARE", "HSM"] as const;

const ENCRYPT = "ENCRYPT/DECRYPT";
const SIGN = "SIGN/VERIFY";

const USAGES: Readonly<Record<string, readonly string[]>> = {
  Aliyun_AES_256: [ENCRYPT],
  Aliyun_AES_128: [ENCRYPT],
  Aliyun_AES_192: [ENCRYPT],
  Aliyun_SM4: [ENCRYPT],
  RSA_2048: [ENCRYPT, SIGN],
  RSA_3072: [ENCRYPT, SIGN],
  EC_P256: [SIGN],
  EC_P256K: [SIGN],
  EC_SM2: [ENCRYPT, SIGN],
};

export function usagesFor(spec: string): readonly string[] {
  return USAGES[spec] ?? [];
}

/** The usage a spec gets when CreateKey names none. */
export function defaultUsage(spec: string): string {
  return usagesFor(spec)[0] ?? ENCRYPT;
}
