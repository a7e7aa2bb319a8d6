// A --state that is not (or no longer) a whole state file: refused naming the file, and never written.
// Only a torn journal line after a whole snapshot may be dropped; line 1 is always written whole.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import { createKey, describe_, freezeRealTime, ok, open, simulateCrash, tempDir } from "./helpers.js";

freezeRealTime();

/** Opening `statePath` holding `content` is refused with an error matching `why`; the file is untouched. */
function refusedAndKept(statePath: string, content: string, why: RegExp | string): string {
  writeFileSync(statePath, content);
  let message = "";
  try {
    open({ statePath }).close();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(why);
  expect(message).toContain(statePath);
  expect(message).not.toContain("\n");
  expect(readFileSync(statePath, "utf8")).toBe(content);
  // The failed open let go of the lock.
  expect(existsSync(`${statePath}.lock`)).toBe(false);
  return message;
}

/** A whole snapshot line, as a real state file starts. */
function realSnapshotLine(): string {
  const statePath = join(tempDir(), "state.json");
  const service = open({ statePath });
  createKey(service);
  service.close();
  return readFileSync(statePath, "utf8").split("\n")[0] as string;
}

describe("a --state file that is not a whole state file", () => {
  test("notes without a trailing newline are refused as not a state file, and left as they are", () => {
    const statePath = join(tempDir(), "notes.txt");
    refusedAndKept(statePath, "my notes", /is not a kms-rotation emulator state file.*left as it is$/);
  });

  test("a blank first line is not a state file either", () => {
    const statePath = join(tempDir(), "blank.txt");
    refusedAndKept(statePath, "\nmy notes\n", /is not a kms-rotation emulator state file/);
  });

  test("a snapshot cut short is refused as damaged, not started empty", () => {
    const statePath = join(tempDir(), "state.json");
    refusedAndKept(statePath, '{"formatVersion":1,"keys":[', /is a damaged kms-rotation emulator state file/);
  });

  test("the error quotes nothing of the file: no secret, no control character", () => {
    const statePath = join(tempDir(), "secrets.env");
    const message = refusedAndKept(statePath, "\u001b[31mSECRET=hunter2", /line 1 is not JSON/);
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("\u001b");
  });

  test("every cut of a real snapshot line (torn line 1) is refused and left byte for byte", () => {
    const line = realSnapshotLine();
    const statePath = join(tempDir(), "state.json");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: line.length - 1 }), (cut) => {
        expect(refusedAndKept(statePath, line.slice(0, cut), /damaged/)).not.toContain('"keyId"');
      }),
      { numRuns: 40 },
    );
  });

  test("any other text, with or without newlines, is refused and left byte for byte", () => {
    const statePath = join(tempDir(), "any.txt");
    // A newline is one code point in a million of binary text: lines joined by one, as often as not.
    const text = fc.oneof(
      fc.string({ minLength: 1, unit: "binary" }),
      fc
        .array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 4 })
        .map((lines) => lines.join("\n")),
    );
    const seen = { oneLine: 0, lines: 0 };
    fc.assert(
      fc.property(
        text.filter((s) => !s.trimStart().startsWith("{")),
        (content) => {
          seen[content.includes("\n") ? "lines" : "oneLine"]++;
          refusedAndKept(statePath, content, /is not a kms-rotation emulator state file/);
        },
      ),
      { numRuns: 60 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  test("an empty file starts a new state (as `touch` or mktemp leave it)", () => {
    const statePath = join(tempDir(), "empty.json");
    writeFileSync(statePath, "");
    const service = open({ statePath });
    const keyId = createKey(service);
    service.close();
    expect(describe_(openService({ region: "cn-hangzhou", statePath }), keyId).KeyId).toBe(keyId);
  });

  test("a whole snapshot missing only its newline (edited by hand) is read, and writes append cleanly", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const first = createKey(service);
    service.close();
    writeFileSync(statePath, readFileSync(statePath, "utf8").trimEnd());
    const reopened = openService({ region: "cn-hangzhou", statePath });
    const second = createKey(reopened);
    simulateCrash(statePath);
    const again = openService({ region: "cn-hangzhou", statePath });
    const ids = ok(again.call("ListKeys", {})).Keys.Key.map((k: { KeyId: string }) => k.KeyId);
    expect(ids).toEqual([first, second]);
  });
});
