// Approval before apply: `yes` typed on a TTY, or --auto-approve; never a silent yes without a terminal.

import { createInterface } from "node:readline";
import type { Io } from "./io.js";

export type Approval = "approved" | "declined" | "no-tty";

export async function approve(io: Io, autoApprove: boolean): Promise<Approval> {
  if (autoApprove) return "approved";
  if (!io.stdin.isTTY) return "no-tty";
  // The prompt goes to stderr so that stdout stays the plan alone.
  io.stderr.write(
    "\nDo you want to make these changes?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
  );
  const answer = await firstLine(io);
  io.stderr.write("\n");
  return answer?.trim() === "yes" ? "approved" : "declined";
}

/** One line from stdin; undefined at end of input or on interrupt. */
function firstLine(io: Io): Promise<string | undefined> {
  const rl = createInterface({ input: io.stdin, terminal: false });
  return new Promise((resolve) => {
    const done = (line: string | undefined) => {
      io.signal.removeEventListener("abort", onAbort);
      resolve(line); // before close(), which emits "close" at once
      rl.close();
    };
    const onAbort = () => done(undefined);
    io.signal.addEventListener("abort", onAbort, { once: true });
    rl.once("line", done);
    rl.once("close", () => resolve(undefined));
  });
}
