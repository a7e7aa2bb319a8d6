// The published keys as SPKI PEM blocks, each preceded by comment lines naming its key, version and
// state, in the JWK Set's order: for verifiers that take PEM, and for SM2 keys, which JOSE cannot name.

import { type PublishReport, printable } from "../model/index.js";
import { publishOrder } from "./publish-jwks.js";

export function renderPem(report: PublishReport): string {
  const blocks = publishOrder(report.keys).flatMap((k) =>
    k.versions.map((v) => {
      const when = [
        `created ${v.createdAt}`,
        ...(v.activeSince ? [`active since ${v.activeSince}`] : []),
        ...(v.publishedUntil ? [`published until ${v.publishedUntil}`] : []),
      ].join(", ");
      return [
        `# key ${printable(k.key)} version ${printable(v.keyVersionId)} state ${v.state}`,
        `# keyId ${printable(k.keyId)} region ${printable(k.region)} algorithm ${k.algorithm}; ${when}`,
        v.publicKeyPem.trimEnd(),
        "",
      ].join("\n");
    }),
  );
  return blocks.join("\n");
}
