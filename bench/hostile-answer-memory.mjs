// node bench/hostile-answer-memory.mjs <root> <chunked|sized>: max RSS of `plan` with one 100 MB DescribeKey answer
// (chunked, or with its content-length) from a proxy in front of the emulator; the run must refuse it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [root, mode] = process.argv.slice(2);
const { startEmulator } = await import(join(root, "dist/emulator/index.js"));
const emu = await startEmulator({
  clock: new Date("2026-01-01T00:00:00Z"),
  port: 0,
  host: "127.0.0.1",
  region: "cn-hangzhou",
});
const ok = (a, p) => emu.service.call(a, p).body;
const huge = ok("CreateKey", { KeySpec: "Aliyun_AES_256", KeyUsage: "ENCRYPT/DECRYPT" }).KeyMetadata.KeyId;
const other = ok("CreateKey", { KeySpec: "Aliyun_AES_256", KeyUsage: "ENCRYPT/DECRYPT" }).KeyMetadata.KeyId;
const up = new URL(emu.url);
const proxy = createServer(async (req, res) => {
  const q = new URL(req.url, "http://x").searchParams;
  if (req.headers["x-acs-action"] === "DescribeKey" && q.get("KeyId") === huge) {
    req.resume();
    const whole = JSON.stringify({ RequestId: "r", ...ok("DescribeKey", { KeyId: huge }) });
    const head = `${whole.slice(0, -2)},"Description":"`,
      tail = `"}}`,
      MB = 1 << 20;
    res.writeHead(200, {
      "content-type": "application/json",
      ...(mode === "sized" ? { "content-length": head.length + 100 * MB + tail.length } : {}),
    });
    res.on("error", () => {});
    const chunk = "x".repeat(MB);
    const w = (t) => new Promise((d) => (res.write(t) ? d() : res.once("drain", d)));
    await w(head);
    for (let i = 0; i < 100 && !res.destroyed; i++) await w(chunk);
    if (!res.destroyed) res.end(tail);
    return;
  }
  const f = request(
    { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers },
    (a) => {
      res.writeHead(a.statusCode, a.headers);
      a.pipe(res);
    },
  );
  req.pipe(f);
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const dir = mkdtempSync(join(tmpdir(), "fixtrust-mem-"));
const cfg = join(dir, "h.yaml");
writeFileSync(
  cfg,
  `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${[huge, other].map((k) => `  - key: ${k}\n    rotation: { mode: automatic, interval: 90d }\n`).join("")}`,
);
let _out;
try {
  const r = await run(
    "/usr/bin/time",
    [
      "-f",
      "maxrss_kb=%M",
      process.execPath,
      join(root, "bin/kms-rotation.js"),
      "plan",
      cfg,
      "--endpoint",
      `http://127.0.0.1:${proxy.address().port}`,
      "--now",
      "2026-01-01T00:00:00Z",
    ],
    { encoding: "utf8" },
  );
  console.log(`exit 0\n${r.stdout}${r.stderr}`);
} catch (e) {
  console.log(`exit ${e.code}\n${e.stdout}${e.stderr}`);
}
proxy.closeAllConnections();
proxy.close();
await emu.close();
