// The key set verifiers fetch, for `drift --published`: a JWK Set from a file or an http(s) URL, read to
// a bounded size within a bounded time; each entry's kid and what public key (if any) it holds.

import { createPublicKey } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type PublishedJwk, printable } from "../model/index.js";

/** A JWK Set is small: a few keys of a few hundred bytes each. */
const MAX_BYTES = 4 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

export type PublishedSet =
  | { readonly kids: ReadonlySet<string>; readonly jwks: ReadonlyMap<string, PublishedJwk> }
  | { readonly problem: string };

export async function readPublishedSet(
  source: string,
  cwd: string,
  signal?: AbortSignal,
): Promise<PublishedSet> {
  const isUrl = /^https?:\/\//i.test(source);
  // Never echo a URL's user name or password: such a URL is refused before anything is fetched.
  if (isUrl && hasUserinfo(source))
    return {
      problem: `--published ${shownUrl(source)}: a URL with a user name or password is not accepted; publish the key set where verifiers read it without credentials`,
    };
  const text = isUrl ? await fetchText(source, signal) : await fileText(source, cwd);
  if ("problem" in text) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.text);
  } catch {
    return { problem: `--published ${shownUrl(source)}: not JSON` };
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys))
    return { problem: `--published ${shownUrl(source)}: not a JWK Set (no "keys" list)` };
  const jwks = new Map<string, PublishedJwk>();
  for (const k of keys) {
    const kid = (k as { kid?: unknown } | null)?.kid;
    // A kid listed twice with one usable entry: verifiers pick by kid, so the unusable one can win.
    if (typeof kid === "string" && jwks.get(kid)?.usable !== false) jwks.set(kid, publicKeyOf(k));
  }
  return { kids: new Set(jwks.keys()), jwks };
}

/**
 * What a JWK holds as verifiers would load it: a public RSA or EC key (node:crypto parses the members),
 * or nothing usable (no kty, members missing or malformed, private material).
 */
function publicKeyOf(jwk: unknown): PublishedJwk {
  const record = jwk as Record<string, unknown>;
  if ("d" in record) return { usable: false };
  try {
    const key = createPublicKey({ key: record as import("node:crypto").JsonWebKey, format: "jwk" });
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === "rsa") return { usable: true, rsaBits: details.modulusLength ?? 0 };
    if (key.asymmetricKeyType === "ec") return { usable: true, curve: details.namedCurve ?? "" };
    return { usable: false };
  } catch {
    return { usable: false };
  }
}

async function fileText(file: string, cwd: string): Promise<{ text: string } | { problem: string }> {
  const path = resolve(cwd, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { problem: `--published ${printable(file)}: not a regular file` };
    if (info.size > MAX_BYTES) return { problem: `--published ${printable(file)}: larger than 4 MiB` };
    return { text: await readFile(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return { problem: `--published ${printable(file)}: cannot read it (${code})` };
  }
}

async function fetchText(url: string, signal?: AbortSignal): Promise<{ text: string } | { problem: string }> {
  const shown = shownUrl(url);
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: "follow",
      headers: { accept: "application/json, application/jwk-set+json" },
    });
    if (!response.ok) return { problem: `--published ${shown}: HTTP ${response.status}` };
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_BYTES) {
        await reader.cancel();
        return { problem: `--published ${shown}: larger than 4 MiB` };
      }
      chunks.push(value);
    }
    return { text: Buffer.concat(chunks).toString("utf8") };
  } catch (error) {
    // fetch()'s own words may quote the URL (a redirect's too): its userinfo is scrubbed from them.
    const why = timeout.aborted
      ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
      : printable(withoutUserinfo(String((error as Error).message)));
    return { problem: `--published ${shown}: cannot fetch it: ${why}` };
  }
}

const USERINFO = /(\/\/)[^/?#\s@]*@/g;

function hasUserinfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return /\/\/[^/?#\s@]*@/.test(url);
  }
}

function withoutUserinfo(text: string): string {
  return text.replace(USERINFO, "$1[redacted]@");
}

/** A URL as our messages show it: printable, with any user name or password replaced. */
function shownUrl(source: string): string {
  return printable(withoutUserinfo(source));
}
