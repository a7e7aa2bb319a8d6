// Reading a seed fleet file: YAML parsed, checked against schemas/fleet.schema.json, every problem reported
// as `file:line:column: message`; expanding it into records is the core's job (core/fleet.ts).

import { isNode, LineCounter, parseDocument } from "yaml";
import { schemaValidator, type ValidateFunction } from "../contract/schemas.js";
import { isTooDeep, NESTED_TOO_DEEPLY, yamlErrorsInOurWords } from "../model/yaml-errors.js";
import { NotRegularFileError, readRegularFileSync } from "../support/regular-file.js";
import { expandFleet } from "./core/fleet.js";
import { type Fleet, FleetError, type SeedContext, type Seeded } from "./core/fleet-types.js";

export type { Fleet, FleetKey, Seeded } from "./core/fleet-types.js";

/** schemas/fleet.schema.json, through the shared validator (precompiled by the build). */
function validate(value: unknown): ValidateFunction {
  const validator = schemaValidator("fleet");
  validator(value);
  return validator;
}

export class SeedFileError extends Error {
  override readonly name = "SeedFileError";
  constructor(readonly problems: readonly string[]) {
    super(`invalid seed fleet:\n${problems.join("\n")}`);
  }
}

export interface ParsedFleet {
  readonly fleet: Fleet;
  /** `path` (e.g. ["keys", 3, "alias"]) -> "file:line:column". */
  readonly position: (path: readonly (string | number)[]) => string;
}

function readSeedText(filePath: string): ReturnType<typeof readRegularFileSync> {
  try {
    return readRegularFileSync(filePath, MAX_SEED_BYTES);
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new SeedFileError([`${filePath}: ${error.message}`]);
    throw error;
  }
}

/** Far beyond any seed fleet (10,000 keys take about 1 MB). */
const MAX_SEED_BYTES = 64 * 1024 * 1024;

export function readFleet(filePath: string): ParsedFleet {
  const read = readSeedText(filePath);
  if ("tooLarge" in read)
    throw new SeedFileError([`${filePath}: it is over 64 MiB, too large for a seed fleet`]);
  const text = read.text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return `${filePath}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new SeedFileError(
      yamlErrorsInOurWords(doc.errors).map((error) => `${at(error.pos[0])}: ${error.text.split("\n")[0]}`),
    );
  }
  const position = (path: readonly (string | number)[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return at(0);
  };
  const value = toValue(doc, at(0));
  const errors = validate(value).errors ?? [];
  if (errors.length > 0) {
    throw new SeedFileError(
      errors.map((error) => {
        const path = error.instancePath.split("/").slice(1).map(pointerSegment);
        const extra = (error.params as { additionalProperty?: string }).additionalProperty;
        if (extra !== undefined)
          return `${position([...path, extra])}: ${error.instancePath}: unknown field ${extra}`;
        return `${position(path)}: ${error.instancePath || "/"} ${error.message ?? "is not valid"}`;
      }),
    );
  }
  return { fleet: value as Fleet, position };
}

/** The document as plain values; a stack overflow on the way is the file's nesting, said in our words. */
function toValue(doc: ReturnType<typeof parseDocument>, start: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (error instanceof Error && isTooDeep(error))
      throw new SeedFileError([`${start}: ${NESTED_TOO_DEEPLY}`]);
    throw error;
  }
}

function pointerSegment(segment: string): string | number {
  const text = segment.replaceAll("~1", "/").replaceAll("~0", "~");
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

/** Expand a fleet read by readFleet for one region, with problems placed in the file. */
export function seedRecords({ fleet, position }: ParsedFleet, ctx: SeedContext): Seeded {
  try {
    return expandFleet(fleet, ctx);
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    const path = ["keys", error.index, ...(error.field ? [error.field] : [])];
    throw new SeedFileError([`${position(path)}: ${error.message}`]);
  }
}
