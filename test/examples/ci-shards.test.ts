// The sharded CI examples hold together: as many matrix jobs / Job completions as shards, each running
// its own shard, the shards' JSON merged by `render`, and the Kubernetes example's config valid.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { parseConfig } from "../../src/config/index.js";

const read = (name: string) => readFileSync(new URL(`../../examples/ci/${name}`, import.meta.url), "utf8");

describe("examples/ci", () => {
  it("the GitHub Actions matrix runs one job per shard and merges their drift JSON with render", () => {
    // biome-ignore lint/suspicious/noExplicitAny: a workflow file, read as the YAML it is
    const workflow = parseYaml(read("github-actions-shards.yaml")) as any;
    const shards = Number(workflow.env.SHARDS);
    expect(workflow.jobs.drift.strategy.matrix.shard).toEqual(
      Array.from({ length: shards }, (_, i) => i + 1),
    );
    const drift = workflow.jobs.drift.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    // The workflow's own expression syntax, matched as text.
    expect(drift).toContain(`--shard "$${"{{"} matrix.shard }}/$SHARDS" --format json`);
    const summary = workflow.jobs.summary.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    expect(summary).toContain("kms-rotation render drift-*.json --format markdown");
    expect(workflow.jobs.summary.needs).toBe("drift");
  });

  it("the Indexed Job takes its shard from JOB_COMPLETION_INDEX, and its config is valid", () => {
    // biome-ignore lint/suspicious/noExplicitAny: Kubernetes manifests, read as the YAML they are
    const docs = parseAllDocuments(read("k8s-indexed-job.yaml")).map((d) => d.toJS()) as any[];
    const job = docs.find((d) => d.kind === "Job" && d.spec.completionMode === "Indexed");
    const container = job.spec.template.spec.containers[0];
    const shards = Number(container.env.find((e: { name: string }) => e.name === "SHARDS").value);
    expect(job.spec.completions).toBe(shards);
    expect(container.args.join(" ")).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    const config = docs.find((d) => d.kind === "ConfigMap").data["rotation.yaml"];
    const { config: parsed, problems } = parseConfig(config, "rotation.yaml");
    expect(problems).toEqual([]);
    const provider = parsed?.provider as { accounts?: object } | undefined;
    expect(Object.keys(provider?.accounts ?? {})).toHaveLength(3);
    expect(docs.some((d) => d.kind === "Job" && JSON.stringify(d).includes("kms-rotation render"))).toBe(
      true,
    );
  });
});
