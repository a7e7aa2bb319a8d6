// SARIF 2.1.0 logs for code scanning (GitHub's upload-sarif): config problems from `validate` and keys
// that break the policy from `audit`, each a result at its line in the config file.

import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { AuditEntry, AuditReport } from "../model/compliance.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { printable } from "../model/escape.js";
import type { Problem, SourcePosition } from "../model/source.js";
import { auditReasonText } from "../words/audit-text.js";
import { AUDIT_RULES, CONFIG_RULES, README_ANCHOR, type SarifRule } from "./sarif-rules.js";

/** Who made the log: the tool's name, version and where to read about it. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** The README's address; rules link to its sections. */
  readonly informationUri: string;
}

/** Where the log is read from: paths in it are relative to `root` (the repository, the working directory). */
export interface SarifOptions {
  readonly tool: ToolInfo;
  /**
   * Absolute directory file names are made relative to: a file under it is named without any local path;
   * one outside it by its absolute `file:` URI.
   */
  readonly root: string;
  /** The config file, for results with no line of their own (a key the file does not declare). */
  readonly configFile?: string;
}

interface Finding {
  readonly rule: string;
  readonly level: "error" | "warning" | "note";
  readonly message: string;
  readonly position?: SourcePosition;
  /** A key's identity, for results about a key. */
  readonly key?: { readonly key: string; readonly region?: string; readonly account?: string | null };
}

/** The repository-relative base GitHub resolves `uri`s against. */
const SRCROOT = "%SRCROOT%";

/** `validate`'s problems (errors) and hints (warnings) as one SARIF log. */
export function renderConfigSarif(
  problems: readonly Problem[],
  warnings: readonly Diagnostic[],
  options: SarifOptions,
): string {
  const findings: Finding[] = [
    ...problems.map((p) => ({
      rule: p.rule ?? "ConfigProblem",
      level: "error" as const,
      message: p.message,
      ...(p.position ? { position: p.position } : {}),
      ...(p.key !== undefined ? { key: { key: p.key } } : {}),
    })),
    ...warnings.map((w) => ({
      rule: "ConfigWarning",
      level: "warning" as const,
      message: w.message,
      ...(w.position ? { position: w.position } : {}),
      ...(w.key !== undefined ? { key: { key: w.key } } : {}),
    })),
  ];
  return sarifLog(CONFIG_RULES, findings, options);
}

/** `audit`: one result per key that breaks the policy, at its declaration. */
export function renderAuditSarif(report: AuditReport, options: SarifOptions): string {
  const findings = report.keys
    .filter((k) => k.verdict === "non-compliant")
    .map((k): Finding => {
      const reasons = k.reasons.map(auditReasonText).join("; ");
      return {
        rule: auditRule(k),
        level: "error",
        message: `${k.key} (${k.region}${k.account ? `, account ${k.account}` : ""}) breaks the policy: ${reasons}`,
        ...(k.source ? { position: k.source } : {}),
        key: { key: k.key, region: k.region, account: k.account },
      };
    });
  return sarifLog(AUDIT_RULES, findings, options);
}

/** The first reason that breaks the policy names the rule; words from a saved report name none. */
function auditRule(entry: AuditEntry): string {
  for (const reason of entry.reasons) {
    const code = "code" in reason ? reason.code : reason.said;
    switch (code) {
      case "BreaksRequireRotation":
      case "BreaksMaxInterval":
      case "ExceptionExpired":
      case "KeyMissing":
      case "KeyUnread":
        return code;
      default:
        continue;
    }
  }
  return "NonCompliant";
}

function sarifLog(rules: readonly SarifRule[], findings: readonly Finding[], options: SarifOptions): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            informationUri: options.tool.informationUri,
            rules: rules.map((r) => ruleJson(r, options.tool)),
          },
        },
        columnKind: "unicodeCodePoints",
        results: findings.map((f) => resultJson(f, index.get(f.rule), options)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleJson(rule: SarifRule, tool: ToolInfo) {
  // The README's Reference section links each page of docs/; the page and its section are named too.
  const helpUri = `${tool.informationUri.replace(/#.*$/, "")}#${README_ANCHOR}`;
  const where = `${rule.section.doc}, "${rule.section.title}"`;
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: {
      text: `${rule.full} See ${where} (${helpUri}).`,
      markdown: `${rule.full} See ${where} ([README, Reference](${helpUri})).`,
    },
    helpUri,
  };
}

function resultJson(finding: Finding, ruleIndex: number | undefined, options: SarifOptions) {
  const file = finding.position?.file ?? options.configFile;
  // A result with no line of its own (a key the file does not declare) points at the file's start.
  const region = finding.position
    ? { startLine: finding.position.line, startColumn: finding.position.column }
    : { startLine: 1, startColumn: 1 };
  const location = {
    ...(file === undefined
      ? {}
      : { physicalLocation: { artifactLocation: artifactOf(file, options.root), region } }),
    ...(finding.key ? { logicalLocations: [keyLocation(finding.key)] } : {}),
  };
  return {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.level,
    message: { text: printable(finding.message) },
    ...(Object.keys(location).length > 0 ? { locations: [location] } : {}),
  };
}

function keyLocation(key: NonNullable<Finding["key"]>) {
  const scope = [key.account, key.region].filter((part) => part !== undefined && part !== null);
  return {
    name: key.key,
    fullyQualifiedName: [...scope, key.key].join("/"),
    kind: "resource",
  };
}

/**
 * A file under `root`: its path relative to it (`uriBaseId` %SRCROOT%, which GitHub resolves against its
 * checkout), percent-encoded, `/`-separated, so no local path is written. A file outside `root`: its
 * absolute `file:` URI and no `uriBaseId` (SARIF 2.1.0 allows a base only with a relative reference, and a
 * `../` out of the base would name no file of the repository); GitHub code scanning makes such a URI
 * relative to its checkout path when the file lies under it.
 */
function artifactOf(file: string, root: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(root, file);
  const path = relative(root, absolute);
  if (path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path))
    return { uri: pathToFileURL(absolute).href };
  const uri = path
    .split(sep)
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return { uri, uriBaseId: SRCROOT };
}
