// The saved plan as a file (Terraform's planfile): write, read, validate, and the fingerprints that let
// `apply plan.json` refuse a plan whose keys have changed since.

export { MAX_DOCUMENT_BYTES, readBoundedText } from "./bounded-read.js";
export { type RepeatedKey, repeatedKeys } from "./duplicates.js";
export {
  isPlanFile,
  type PlanFileProblem,
  type ReadPlanFile,
  readPlanFile,
  saveRefusal,
  writePlanFile,
} from "./file.js";
export { fingerprints, type SavedPlanParts, savedPartsFromJson, savedPlanToJson } from "./saved.js";
