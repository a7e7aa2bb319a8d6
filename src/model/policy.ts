// What a key's rotation should be (from the file) or is (from KMS), with intervals in seconds.

export type RotationMode = "automatic" | "manual" | "off";

export type RotationPolicy =
  | { readonly mode: "automatic"; readonly interval: number }
  | { readonly mode: "manual"; readonly interval: number }
  | { readonly mode: "off" };

export function samePolicy(a: RotationPolicy, b: RotationPolicy): boolean {
  if (a.mode !== b.mode) return false;
  return a.mode === "off" || a.interval === (b as { interval: number }).interval;
}
