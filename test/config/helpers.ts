// Shared by the config tests: parse lines of YAML and see each problem as `line:column message`.

import { parseConfig } from "../../src/config/index.js";

export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** `["3:14 keys[0].rotation.interval: ..."]`, in the order reported. */
export function problemsIn(text: string): string[] {
  const { config, problems } = parseConfig(text, "kms.yaml", { cwd: "/work" });
  if (problems.length > 0 && config) throw new Error("a config came back with problems");
  return problems.map((p) => `${p.position?.line}:${p.position?.column} ${p.message}`);
}

export function configOf(text: string, file = "kms.yaml", cwd = "/work") {
  const { config, problems } = parseConfig(text, file, { cwd });
  if (!config) throw new Error(`expected a config, got:\n${problems.map((p) => p.message).join("\n")}`);
  return config;
}
