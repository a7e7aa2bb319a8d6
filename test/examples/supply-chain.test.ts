// The CI examples install what they run reproducibly and safely: actions pinned by full commit id, the
// tool from a tarball whose sha512 is checked first (never a registry name nobody here owns), the apply job
// applying the saved plan a reviewer approved, and the Kubernetes report Job after its shards with every
// volume it mounts defined.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { ROOT } from "../helpers/built.js";

/** Workflows and manifests, by their path under examples/. */
const files = ["ci", "monitoring"].flatMap((folder) =>
  readdirSync(join(ROOT, "examples", folder))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `${folder}/${f}`),
);
const read = (name: string) => readFileSync(join(ROOT, "examples", name), "utf8");

// biome-ignore lint/suspicious/noExplicitAny: workflow and manifest files, read as the YAML they are
type Yaml = any;

/** Every shell script a file runs: workflow steps' `run:`, containers' args. */
function scripts(doc: Yaml): string[] {
  const out: string[] = [];
  const walk = (node: Yaml) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      if (typeof node.run === "string") out.push(node.run);
      if (Array.isArray(node.args)) out.push(node.args.join(" "));
      Object.values(node).forEach(walk);
    }
  };
  walk(doc);
  return out;
}

describe("examples/ci supply chain", () => {
  it("pins every action by a full commit id, with the tag it was in a comment", () => {
    let uses = 0;
    for (const file of files) {
      for (const line of read(file).split("\n")) {
        const m = /^\s*-?\s*uses:\s*(\S+)(.*)$/.exec(line);
        if (!m) continue;
        uses++;
        expect(m[1], `${file}: ${line.trim()}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        expect(m[2], `${file}: ${line.trim()}`).toMatch(/#\s*v\d+/);
      }
    }
    expect(uses).toBeGreaterThan(10);
  });

  it("installs kms-rotation only from a lock file and a tarball whose sha512 is checked first", () => {
    let installs = 0;
    for (const file of files) {
      const text = read(file);
      const docs = parseAllDocuments(text).map((d) => d.toJS());
      for (const script of docs.flatMap(scripts)) {
        expect(script, file).not.toMatch(/kms-rotation@/);
        // npx fetches a package that is not installed from the registry: the tool is run from PATH.
        expect(script, file).not.toMatch(/\bnpx\b/);
        expect(script, file).not.toMatch(/npm (install|i|add)\b/);
        for (const install of script.matchAll(/npm ci\b[^\n&;|]*/g)) {
          installs++;
          const command = install[0];
          expect(command, `${file}: ${command}`).toMatch(/--ignore-scripts/);
          const before = script.slice(0, install.index);
          expect(before, `${file}: the digest is checked before ${command}`).toMatch(
            /echo "\$KMS_ROTATION_SHA512 {2}\$KMS_ROTATION_TGZ" \| sha512sum --check --strict/,
          );
        }
      }
    }
    expect(installs).toBeGreaterThanOrEqual(6);
  });

  it("every file that runs the tool installs it so; the action is used at a commit", () => {
    for (const file of files) {
      const text = read(file);
      const runs = parseAllDocuments(text)
        .map((d) => d.toJS())
        .flatMap(scripts)
        .some((script) => /\bkms-rotation\b/.test(script));
      if (runs) expect(text, file).toMatch(/npm ci\b/);
      // The action installs the tool from its own checkout at the commit the workflow names.
      for (const m of text.matchAll(/uses:\s*(\S*kms-rotation@\S+)/g)) expect(m[1]).toMatch(/@[0-9a-f]{40}$/);
    }
  });

  it("applies on merge the saved plan of the same run, after review, never a fresh plan", () => {
    const workflow: Yaml = parseYaml(read("ci/github-actions.yaml"));
    const apply = workflow.jobs.apply;
    expect(apply.needs).toBe("plan");
    expect(apply.environment).toBeDefined();
    const steps: Yaml[] = apply.steps;
    const download = steps.findIndex((s) => String(s.uses ?? "").startsWith("actions/download-artifact@"));
    const run = steps.findIndex((s) => /kms-rotation apply /.test(s.run ?? ""));
    expect(download).toBeGreaterThan(-1);
    expect(run).toBeGreaterThan(download);
    expect(steps[run].run).toMatch(/kms-rotation apply plan\.json /);
    expect(steps[run].run).not.toMatch(/apply "\$CONFIG"/);
    const plan = workflow.jobs.plan.steps.map((s: Yaml) => s.run ?? "").join("\n");
    expect(plan).toMatch(/kms-rotation plan "\$CONFIG" --out plan\.json/);
    // What the reviewer reads is rendered from the saved plan, not from a second read of KMS.
    expect(plan).toMatch(/kms-rotation render plan\.json --format markdown/);
    const upload = workflow.jobs.plan.steps.find((s: Yaml) =>
      String(s.uses ?? "").startsWith("actions/upload-artifact@"),
    );
    expect(upload.with.name).toBe(steps[download].with.name);
  });

  it("the Kubernetes report Job waits for its shards, and every volume it mounts is defined", () => {
    const docs: Yaml[] = parseAllDocuments(read("ci/k8s-indexed-job.yaml")).map((d) => d.toJS());
    const shards = docs.find((d) => d.kind === "Job" && d.spec.completionMode === "Indexed");
    const report = docs.find((d) => d.kind === "Job" && d !== shards);
    const wait = report.spec.template.spec.initContainers[0];
    expect(wait.name).toBe("wait-for-shards");
    expect(wait.env.find((e: Yaml) => e.name === "SHARDS_JOB").value).toBe(shards.metadata.name);
    // It may read that Job, and only that.
    const role = docs.find((d) => d.kind === "Role");
    expect(role.rules).toEqual([
      { apiGroups: ["batch"], resources: ["jobs"], resourceNames: [shards.metadata.name], verbs: ["get"] },
    ]);
    const binding = docs.find((d) => d.kind === "RoleBinding");
    expect(binding.subjects[0].name).toBe(report.spec.template.spec.serviceAccountName);

    const claims = new Set(
      docs.filter((d) => d.kind === "PersistentVolumeClaim").map((d) => d.metadata.name as string),
    );
    const configMaps = new Set(docs.filter((d) => d.kind === "ConfigMap").map((d) => d.metadata.name));
    const text = read("ci/k8s-indexed-job.yaml");
    for (const job of [shards, report]) {
      const pod = job.spec.template.spec;
      const volumes = new Map<string, Yaml>(pod.volumes.map((v: Yaml) => [v.name, v]));
      const containers = [...(pod.initContainers ?? []), ...pod.containers];
      for (const mount of containers.flatMap((c: Yaml) => c.volumeMounts ?? [])) {
        const volume = volumes.get(mount.name);
        expect(volume, `${job.metadata.name}: volume ${mount.name}`).toBeDefined();
        if (volume.persistentVolumeClaim)
          expect(claims.has(volume.persistentVolumeClaim.claimName)).toBe(true);
        // A ConfigMap is in the file, or made from a file with the command the header gives.
        if (volume.configMap)
          expect(
            configMaps.has(volume.configMap.name) ||
              text.includes(`kubectl create configmap ${volume.configMap.name} `),
          ).toBe(true);
      }
    }
  });
});
