// Every command of the contract: its flags and help. Each runs from its own module, loaded on demand,
// so `--help` and `validate` never load the SDK.

import type { ParseArgsConfig } from "node:util";
import type { ParsedArgs } from "./args.js";
import { RENDER_FORMATS } from "./formats.js";
import type { Io } from "./io.js";
import type { Outcome } from "./outcome.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & {
  readonly help: string;
  readonly arg?: string;
};

export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly load: () => Promise<{ run(args: ParsedArgs, io: Io): Promise<Outcome> }>;
}

const kmsOptions: Record<string, OptionSpec> = {
  endpoint: {
    type: "string",
    arg: "<url>",
    help: "talk to this KMS endpoint for every region instead of the config's (env: KMS_ROTATION_ENDPOINT)",
  },
  now: {
    type: "string",
    arg: "<ISO-8601>",
    help: "evaluate schedules as of this instant instead of the system clock",
  },
  concurrency: { type: "string", arg: "<n>", help: "upper bound on KMS calls in flight (default 16)" },
  qps: {
    type: "string",
    arg: "<n | read=n,write=n,create=n>",
    help: "request rate per region and operation group (default: the config's quota, else read 20, write 10, create 10)",
  },
  timeout: {
    type: "string",
    arg: "<duration>",
    help: "bound on one KMS call, e.g. 10s (default 10s); an unreachable endpoint fails within about 15 s",
  },
};

/** §11: plan, apply and drift (and audit, forecast) work on one shard of the (account, region) units. */
const shardOption: Record<string, OptionSpec> = {
  shard: {
    type: "string",
    arg: "<i>/<n>",
    help: "work only on the i-th of n shards of the (account, region) units, sorted by account then region",
  },
};

const format = (formats: string): OptionSpec => ({
  type: "string",
  arg: `<${formats}>`,
  help: `output format (default ${formats.split("|")[0]})`,
});

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "validate",
    usage: "validate <config.yaml> [--format text|github|sarif] [--now <ISO-8601>]",
    summary: "check a config file without calling KMS",
    description:
      "Reads the file, checks it against schemas/config.schema.json and the rules (intervals, duplicate keys,\n" +
      "aliases, ARNs, policy: and exceptions) and lists every problem as file:line:column: message.\n" +
      "Exit 0 when valid, 1 when not.",
    options: {
      format: {
        ...format("text|github|sarif"),
        help: "text, github for GitHub Actions annotations, or sarif for code scanning",
      },
      now: {
        type: "string",
        arg: "<ISO-8601>",
        help: "judge exceptions' expiry dates as of this instant instead of the system clock",
      },
    },
    load: () => import("./commands/validate.js"),
  },
  {
    name: "plan",
    usage: "plan <config.yaml> [--out plan.json] [--format text|json|markdown] [--detailed-exitcode]",
    summary: "show what apply would change",
    description:
      "Reads every declared key from KMS and shows, for each, the change apply would make: none,\n" +
      "update-rotation-policy, create-key-version, or blocked with a reason. Changes nothing.",
    options: {
      out: {
        type: "string",
        arg: "<plan.json>",
        help: "also save the plan, with what each key looked like, for apply",
      },
      format: format("text|json|markdown"),
      "detailed-exitcode": { type: "boolean", help: "exit 2 when there are changes to apply, 0 when none" },
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/plan.js"),
  },
  {
    name: "apply",
    usage: "apply <config.yaml | plan.json> [--auto-approve] [--format text|json|markdown]",
    summary: "make KMS match the file (or a saved plan)",
    description:
      "Plans, shows the plan and asks for `yes` on a TTY, then makes each change. Given a saved plan it\n" +
      "re-reads every key first and refuses the whole plan, changing nothing, if any key has changed since.\n" +
      "Without a TTY it refuses unless --auto-approve is given.",
    options: {
      "auto-approve": { type: "boolean", help: "apply without asking" },
      "allow-clock-skew": {
        type: "boolean",
        help: "write even when --now is more than 5 minutes from the service's clock",
      },
      format: format("text|json|markdown"),
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/apply.js"),
  },
  {
    name: "drift",
    usage:
      "drift <config.yaml> [--format text|json|markdown|junit|openmetrics] [--include-unmanaged] [--published <file | URL>]",
    summary: "report keys whose rotation is not as declared",
    description:
      "Read-only. A status per key: in-sync, drifted, due, missing, blocked (and unmanaged with\n" +
      "--include-unmanaged). Exit 0 when everything is in sync, 2 on drift, 1 on error.",
    options: {
      format: format("text|json|markdown|junit|openmetrics"),
      "include-unmanaged": {
        type: "boolean",
        help: "also list keys in the declared regions that the file does not declare",
      },
      published: {
        type: "string",
        arg: "<file | URL>",
        help: "the JWK Set verifiers fetch: a signing key whose next or active version is missing is drifted",
      },
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/drift.js"),
  },
  {
    name: "audit",
    usage: "audit <config.yaml> [--format text|json|markdown|csv|sarif|openmetrics] [--include-unmanaged]",
    summary: "evidence that every key rotates as the policy requires",
    description:
      "Read-only. For every declared key (and with --include-unmanaged every key of the declared regions):\n" +
      "its spec, state, rotation as KMS has it, current version age, next rotation, and a verdict against\n" +
      "policy: compliant, non-compliant, exempt (a live exception) or not-applicable (cannot rotate).\n" +
      "Exit 0 when no key breaks the policy, 2 when one does, 1 on error.",
    options: {
      format: format("text|json|markdown|csv|sarif|openmetrics"),
      "include-unmanaged": {
        type: "boolean",
        help: "also judge every key in the declared regions that the file does not declare",
      },
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/audit.js"),
  },
  {
    name: "forecast",
    usage: "forecast <config.yaml> [--until <ISO-8601> | --for <interval>] [--format text|json|markdown|ics]",
    summary: "list every rotation due before a horizon",
    description:
      "Read-only. Every rotation between now and the horizon if nothing changes (automatic ones from KMS's\n" +
      "NextRotationDate, manual ones apply would make), in time order, and every key whose 50-version cap\n" +
      "falls inside it. Default horizon: --for 365d; at most 3660d and 100000 rotations. Exit 0, 1 on error.",
    options: {
      until: { type: "string", arg: "<ISO-8601>", help: "forecast up to this instant" },
      for: { type: "string", arg: "<interval>", help: "forecast this far ahead, e.g. 90d (default 365d)" },
      format: format("text|json|markdown|ics"),
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/forecast.js"),
  },
  {
    name: "publish",
    usage: "publish <config.yaml> [--format jwks|pem|json] [--out <file>]",
    summary: "write the public keys verifiers should trust (signing keys)",
    description:
      "Read-only. For every key with signing: in the file, the public keys of its next, active and previous\n" +
      "versions: a JWK Set (kid = KeyVersionId), SPKI PEM blocks, or JSON with each version's state.\n" +
      "Written to stdout, or whole and owner-only to --out. Exit 0, 1 on error.",
    options: {
      format: format("jwks|pem|json"),
      out: { type: "string", arg: "<file>", help: "write the keys to this file (atomically, owner-only)" },
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/publish.js"),
  },
  {
    name: "import",
    usage: "import --region <id> [--region <id> ...] [--format yaml] [--out <config.yaml>]",
    summary: "write a config declaring the keys that exist now",
    description:
      "Lists every key in the regions given and writes a config (to stdout, or --out) that declares each\n" +
      "as it is now, aliases preferred over ids, so that plan on it shows no changes.",
    options: {
      region: { type: "string", multiple: true, arg: "<id>", help: "region to import (repeatable)" },
      format: { ...format("yaml"), help: "output format (yaml)" },
      out: { type: "string", arg: "<file>", help: "write the config to this file instead of stdout" },
      ...kmsOptions,
      ...shardOption,
    },
    load: () => import("./commands/import.js"),
  },
  {
    name: "render",
    usage: `render <report.json> [<report.json> ...] [--format ${RENDER_FORMATS.join("|")}] [--allow-partial]`,
    summary: "re-render saved JSON output (plan, drift, audit, forecast, publish); merge shards",
    description:
      "Reads JSON written by plan --format json (or --out), drift, audit, forecast or publish --format json and\n" +
      "shows it in another format (drift and audit also as openmetrics, audit as csv and sarif, forecast as ics,\n" +
      "publish as jwks or pem) without calling KMS.\n" +
      "Several reports of one kind (the shards of one config) are merged into one:\n" +
      "every key once, the summary recomputed, as of the earliest report; a set missing some shards is\n" +
      "refused, naming them, unless --allow-partial is given. Exit 0, 1 on error.",
    options: {
      format: {
        type: "string",
        arg: `<${RENDER_FORMATS.join("|")}>`,
        help: "output format (default text; jwks for publish); each kind renders in some of them",
      },
      "allow-partial": {
        type: "boolean",
        help: "render the shards given even when some of the run's shards are missing (else exit 1)",
      },
    },
    load: () => import("./commands/render.js"),
  },
  {
    name: "emulator",
    usage:
      "emulator [--host 127.0.0.1] [--port 8300] [--region cn-hangzhou] [--state <file>] [--seed <fleet.yaml>] ...",
    summary: "run a local KMS that speaks the real protocol",
    description:
      "One process is one region of one account. Prints `listening on http://<host>:<port>` once ready.\n" +
      "Simulated clock: GET/POST /__emulator/clock; call counts: GET /__emulator/stats.",
    options: {
      host: { type: "string", arg: "<host>", help: "address to bind (default 127.0.0.1)" },
      port: { type: "string", arg: "<port>", help: "port to bind, 0 for any (default 8300)" },
      region: { type: "string", arg: "<id>", help: "the region this emulator is (default cn-hangzhou)" },
      state: { type: "string", arg: "<file>", help: "state file; survives restarts (default: in memory)" },
      seed: {
        type: "string",
        arg: "<fleet.yaml>",
        help: "fleet file creating keys on first use (schemas/fleet.schema.json)",
      },
      clock: {
        type: "string",
        arg: "<ISO-8601>",
        help: "start the simulated clock here (default: system time)",
      },
      "access-key-id": { type: "string", arg: "<id>", help: "accepted AccessKeyId (default local)" },
      "access-key-secret": { type: "string", arg: "<secret>", help: "its secret (default local)" },
      latency: { type: "string", arg: "<ms>", help: "added delay per call" },
      qps: {
        type: "string",
        arg: "<n | read=n,write=n,create=n,crypto=n>",
        help: "requests per second per operation group (the service: read 20, write 10, create 10, crypto 200)",
      },
      quota: { type: "string", arg: "keys=n,aliases=n,versions=n", help: "resource caps for this region" },
      "fault-rate": {
        type: "string",
        arg: "<0..1>",
        help: "share of calls that fail as the service and network fail",
      },
      instance: {
        type: "string",
        multiple: true,
        arg: "<kst-id>=software|hsm",
        help: "declare a KMS instance keys can be created in (repeatable; the newer generation)",
      },
      "rotation-lag": {
        type: "string",
        arg: "<duration>",
        help: "automatic rotations happen this long after NextRotationDate passes (default 0: at once)",
      },
      "throttle-code": {
        type: "string",
        arg: "<429|400>",
        help: "answer throttling as 429 Rejected.Throttling (default) or 400 Throttling",
      },
      "account-id": {
        type: "string",
        arg: "<uid>",
        help: "the 16-digit account uid in its ARNs and Creator (default 1234567890123456)",
      },
      role: {
        type: "string",
        multiple: true,
        arg: "<acs:ram::<uid>:role/<name>>",
        help: "answer STS AssumeRole (2015-04-01) for this role of its account, on the same port (repeatable)",
      },
      "session-duration": {
        type: "string",
        arg: "<seconds>",
        help: "longest temporary credentials it issues (default 3600; a few seconds shows renewal)",
      },
    },
    load: () => import("./commands/emulator.js"),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
