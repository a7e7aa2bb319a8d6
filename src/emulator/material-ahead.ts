// Key material made ahead of the signing call that needs it, on libuv's thread pool: the emulator keeps
// answering other calls while an RSA key is generated (seconds for RSA_3072 on a loaded machine). The call
// then takes it, and journals it as it would material it made itself.

import { generateMaterialAsync, hasMaterial } from "./core/crypto/material.js";
import type { KeyRecord } from "./core/types.js";

const SIGNING = new Set(["GetPublicKey", "AsymmetricSign", "AsymmetricVerify"]);

export class MaterialAhead {
  /** Version id -> PKCS#8 PEM made for it and not yet taken. */
  private readonly made = new Map<string, string>();
  private readonly making = new Map<string, Promise<void>>();

  /**
   * Resolves once the version a signing call names has material waiting, or needs none (another action,
   * an unknown key or version, material already made). A failed generation is left to the call itself.
   */
  async prepare(
    action: string,
    params: Readonly<Record<string, string>>,
    find: (keyIdParam: string) => KeyRecord | undefined,
  ): Promise<void> {
    const { KeyId: keyIdParam, KeyVersionId: versionId } = params;
    if (!SIGNING.has(action) || !keyIdParam || !versionId || this.made.has(versionId)) return;
    const key = find(keyIdParam);
    const version = key?.versions.find((candidate) => candidate.id === versionId);
    if (!key || !version || version.material !== undefined || !hasMaterial(key.spec)) return;
    let making = this.making.get(versionId);
    if (!making) {
      making = generateMaterialAsync(key.spec)
        .then((pem) => {
          this.made.set(versionId, pem);
        })
        .finally(() => this.making.delete(versionId));
      this.making.set(versionId, making);
    }
    await making.catch(() => undefined);
  }

  /** The material made for this version, once. */
  take(versionId: string): string | undefined {
    const pem = this.made.get(versionId);
    this.made.delete(versionId);
    return pem;
  }
}
