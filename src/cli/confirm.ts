// Approval before apply: `yes` typed on a TTY, or --auto-approve; never a silent yes without a terminal.

import { createInterface } from "node:readline/promises";
import type { Io } from "./io.js";

export type Approval = "approved" | "declined" | "no-tty";

export async function approve(io: Io, autoApprove: boolean): Promise<Approval> {
  if (autoApprove) return "approved";
  if (!io.stdin.isTTY) return "no-tty";
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(
      "\nDo you want to make these changes?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
      { signal: io.signal },
    );
    return answer.trim() === "yes" ? "approved" : "declined";
  } catch {
    return "declined";
  } finally {
    rl.close();
  }
}
