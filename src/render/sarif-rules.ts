// The rules a SARIF log names (one per problem code and per way a key breaks the policy): what code
// scanning shows beside each result, with a link to the README section that explains it.

export interface SarifRule {
  readonly id: string;
  /** One line: the rule's name in a dashboard. */
  readonly short: string;
  /** What it means and what to do, in a few sentences. */
  readonly full: string;
  /** The page of the package's docs that explains it, and its section. */
  readonly section: DocSection;
}

export interface DocSection {
  /** Path in the package, e.g. `docs/config.md`. */
  readonly doc: string;
  readonly title: string;
}

/** The README section that links every reference page: where a rule's helpUri points. */
export const README_ANCHOR = "reference";

const CONFIG: DocSection = { doc: "docs/config.md", title: "Configuration reference" };
const POLICY: DocSection = { doc: "docs/policy.md", title: "Policy, audit and forecast" };

/** `validate`: every kind of config problem, then the hints it warns about. */
export const CONFIG_RULES: readonly SarifRule[] = [
  rule(
    "UnreadableFile",
    "The config file cannot be read",
    "The file is missing, unreadable, or over the 16 MiB a config file may be.",
    CONFIG,
  ),
  rule(
    "InvalidYaml",
    "The config file is not valid YAML",
    "The file does not parse as one YAML document (syntax, duplicate mapping keys, unresolved aliases, nesting too deep).",
    CONFIG,
  ),
  rule(
    "UnknownField",
    "A field the config schema does not know",
    "A field that is not in schemas/config.schema.json; it is often a misspelling of one that is (the message suggests it).",
    CONFIG,
  ),
  rule(
    "MissingField",
    "A required field is missing",
    "A field the schema requires (version, keys, a key's key and rotation) is not given.",
    CONFIG,
  ),
  rule(
    "WrongType",
    "A value of the wrong type",
    "A value has another type than the schema gives (a list where a mapping goes, a number where a string goes).",
    CONFIG,
  ),
  rule(
    "NotAllowed",
    "A value outside the allowed ones",
    "A value is not one of those the schema allows (rotation.mode is automatic, manual or off; version is 1).",
    CONFIG,
  ),
  rule(
    "InvalidValue",
    "A value of the wrong form",
    "A value does not have the form its field needs (a region id, an interval like 90d, an http(s) URL, a 16-digit account uid, a calendar date).",
    CONFIG,
  ),
  rule(
    "InvalidKey",
    "A key that cannot be resolved",
    "A declared key whose id, alias or ARN is malformed, whose ARN names another region or account than the entry, or that has no region.",
    CONFIG,
  ),
  rule(
    "DuplicateKey",
    "A key declared twice",
    "The same key (by id, alias or ARN) is declared twice in one region of one account: keep one entry.",
    CONFIG,
  ),
  rule(
    "InvalidInterval",
    "A rotation interval out of range",
    "automatic rotation takes 7d to 730d (7d to 365d in a KMS instance), manual at least 7d, and off takes no interval.",
    CONFIG,
  ),
  rule(
    "InvalidAccount",
    "An account entry that cannot be used",
    "An entry of provider.alibaba.accounts with both profile and roleArn, an ARN of another account, or stsEndpoint without roleArn.",
    CONFIG,
  ),
  rule(
    "InvalidEndpoint",
    "An endpoint that cannot be used",
    "An endpoint URL that is not an http:// or https:// URL the tool can call.",
    CONFIG,
  ),
  rule(
    "InvalidPolicy",
    "A policy that cannot hold",
    "policy.maxInterval is not an interval, or is shorter than any key can rotate.",
    POLICY,
  ),
  rule(
    "RotationOff",
    "A key does not rotate, but the policy requires rotation",
    "policy.requireRotation needs every key that can rotate to rotate: choose automatic or manual, or add an exception with a reason and an expiry date.",
    POLICY,
  ),
  rule(
    "IntervalOverMax",
    "A key rotates less often than the policy allows",
    "The key's interval is longer than policy.maxInterval: shorten it, or add an exception with a reason and an expiry date.",
    POLICY,
  ),
  rule(
    "ExceptionExpired",
    "An exception to the policy has expired",
    "The key's exception ran out on its expires date: renew it with a new date and reason, or bring the key within the policy.",
    POLICY,
  ),
  rule("ConfigProblem", "A problem in the config file", "A config problem of no more specific kind.", CONFIG),
  rule(
    "ConfigWarning",
    "A config the tool can read but doubts",
    "A valid file with something a careful reader would question (a key id KMS does not issue, a region KMS does not offer, a key audit's policy would fail).",
    CONFIG,
  ),
];

/** `audit`: each way a key breaks the policy. */
export const AUDIT_RULES: readonly SarifRule[] = [
  rule(
    "BreaksRequireRotation",
    "A key that can rotate does not rotate",
    "policy.requireRotation needs every key that can rotate to rotate: automatic rotation is disabled, or a manual key's current version is older than its interval.",
    POLICY,
  ),
  rule(
    "BreaksMaxInterval",
    "A key rotates less often than policy.maxInterval",
    "The key's rotation interval (or its current version's age) is over policy.maxInterval.",
    POLICY,
  ),
  rule(
    "ExceptionExpired",
    "An exception to the policy has expired",
    "The key's exception ran out on its expires date: renew it, or bring the key within the policy.",
    POLICY,
  ),
  rule(
    "KeyMissing",
    "A declared key is not in KMS",
    "KMS has no key by this id or alias in the declared region and account: nothing can rotate.",
    POLICY,
  ),
  rule(
    "KeyUnread",
    "A key could not be read",
    "KMS did not answer for this key (after retries): its rotation cannot be proven.",
    POLICY,
  ),
  rule(
    "NonCompliant",
    "A key breaks the policy",
    "A key judged non-compliant in a saved report, whose reasons are kept as words.",
    POLICY,
  ),
];

function rule(id: string, short: string, full: string, section: DocSection): SarifRule {
  return { id, short, full, section };
}
