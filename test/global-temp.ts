// Vitest global setup: every temp file and folder the tests (and the CLI processes they start) make goes
// under one folder of this run, removed when the run ends, so `npm test` leaves nothing in the machine's
// temp directory. Test files and children inherit TMPDIR; os.tmpdir() reads it on each call.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), "kms-rotation-tests-"));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
