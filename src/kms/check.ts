// The checked reading of KMS answers: every field a rule reads must be there and parse as the service
// writes it, or the answer is refused as `InvalidResponse` naming the call and the field (section 14).
// Empty strings are absent, as the service sends them (`"DeleteDate": ""`).

import { KmsError } from "./errors.js";

export type Body = Readonly<Record<string, unknown>>;

/** The code of every answer refused here: the key it was about becomes an `error` entry, nothing more. */
export const INVALID_RESPONSE = "InvalidResponse";

export function invalidResponse(what: string, problem: string, write = false): KmsError {
  return new KmsError({
    code: INVALID_RESPONSE,
    message: `KMS answered ${what} with ${problem}`,
    retryable: false,
    // A write answered with nonsense may or may not have happened: apply settles it by reading.
    outcomeUnknown: write,
  });
}

/** The service's UTC form only: `2026-11-23T00:00:00Z` (no zone offsets, no fractions, no local time). */
const SERVICE_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export function isServiceInstant(text: string): boolean {
  const m = SERVICE_INSTANT.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  );
}

/** Reads the fields of one object of an answer; the first bad one throws, naming `where` and the field. */
export class Fields {
  constructor(
    private readonly record: Readonly<Record<string, unknown>>,
    private readonly where: string,
    private readonly write = false,
  ) {}

  static of(value: unknown, where: string, name: string, write = false): Fields {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw invalidResponse(where, `no ${name} object`, write);
    return new Fields(value as Record<string, unknown>, where, write);
  }

  fail(field: string, problem: string): never {
    throw invalidResponse(this.where, `${field} ${problem}`, this.write);
  }

  /** A string field, `""` and absent alike undefined; any other type is refused. */
  optional(field: string): string | undefined {
    const value = this.record[field];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") this.fail(field, `of type ${typeof value}, not a string`);
    return value;
  }

  required(field: string): string {
    const value = this.optional(field);
    if (value === undefined) this.fail(field, "missing");
    return value;
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T {
    const value = this.required(field);
    const known = (values as readonly string[]).indexOf(value);
    if (known < 0) this.fail(field, `${quoted(value)}, not a known value`);
    // The list's own string: one copy for all keys, not one per answer (100,000 keys: some 5 MB).
    return values[known] as T;
  }

  optionalInstant(field: string): string | undefined {
    const value = this.optional(field);
    if (value !== undefined && !isServiceInstant(value))
      this.fail(field, `${quoted(value)}, not an instant in the service's form 2026-01-31T00:00:00Z`);
    return value;
  }

  instant(field: string): string {
    const value = this.optionalInstant(field);
    if (value === undefined) this.fail(field, "missing");
    return value;
  }

  /** A whole number of at least 0, as a number or its decimal text (XML answers carry text). */
  count(field: string): number {
    const value = this.record[field];
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^\d{1,15}$/.test(value)
          ? Number(value)
          : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0)
      this.fail(field, value === undefined ? "missing" : `${quoted(String(value))}, not a count`);
    return n;
  }

  /** `body[outer][inner]` as a list; XML-to-JSON conversions collapse a one-element list into the element. */
  list(outer: string, inner: string): unknown[] {
    const holder = this.record[outer];
    if (holder === undefined || holder === null || holder === "") return [];
    if (typeof holder !== "object" || Array.isArray(holder)) this.fail(outer, "not an object");
    const list = (holder as Record<string, unknown>)[inner];
    if (Array.isArray(list)) return list;
    return list === undefined || list === null ? [] : [list];
  }
}

function quoted(value: string): string {
  // Never echo a hostile answer whole or with control characters.
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}

/**
 * An HTTP success is an answer only when it carries no error `Code` and has its request id: a proxy or
 * gateway answering 200 with an error body (or an empty one) has not done what was asked.
 */
export function checkEnvelope(action: string, body: Body, write: boolean): void {
  const code = body.Code;
  if (code !== undefined && code !== null && code !== "") {
    const text = typeof code === "string" ? quoted(code) : "one";
    throw invalidResponse(action, `HTTP success carrying the error Code ${text}`, write);
  }
  const id = body.RequestId;
  if (typeof id !== "string" || id === "") throw invalidResponse(action, "no RequestId", write);
}
