// `/__emulator/*`: the test harness's door (clock, call counts). Unsigned, never throttled, delayed or failed.

import type { IncomingMessage, ServerResponse } from "node:http";
import { parseDuration } from "../../model/duration.js";
import { readInstant } from "../../model/instant.js";
import { instantRangeProblem } from "../core/time.js";
import type { EmulatorService } from "../service.js";
import { StateWriteError } from "../store.js";
import type { CallStats } from "./call-stats.js";
import { readBody } from "./rpc-request.js";

export const CONTROL_PREFIX = "/__emulator/";

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  service: EmulatorService,
  stats: CallStats,
): Promise<void> {
  const path = (req.url ?? "").split("?")[0];
  if (path === `${CONTROL_PREFIX}stats`) {
    if (req.method !== "GET") return sendJson(res, 405, { error: "use GET" });
    return sendJson(res, 200, { calls: stats.snapshot(), callers: stats.callers() });
  }
  if (path === `${CONTROL_PREFIX}clock`) {
    if (req.method === "GET") return sendJson(res, 200, { now: service.now().toISOString() });
    if (req.method !== "POST") return sendJson(res, 405, { error: "use GET or POST" });
    let error: string | undefined;
    try {
      error = moveClock(service, await readJson(req));
    } catch (failed) {
      // The state file refused the write (a full disk): the clock did not move.
      if (failed instanceof StateWriteError) return sendJson(res, 503, { error: failed.message });
      throw failed;
    }
    if (error) return sendJson(res, 400, { error });
    return sendJson(res, 200, { now: service.now().toISOString() });
  }
  sendJson(res, 404, { error: `no such endpoint: ${path}` });
}

/** Applies `{"advance":"8d"}` or `{"set":"<ISO>"}`; a message for anything else. */
function moveClock(service: EmulatorService, body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return 'expected {"advance":"8d"} or {"set":"<ISO-8601>"}';
  const { advance, set } = body as { advance?: unknown; set?: unknown };
  if ((advance === undefined) === (set === undefined)) return 'give exactly one of "advance" and "set"';
  try {
    if (advance !== undefined) {
      const seconds = typeof advance === "string" ? parseDuration(advance) : undefined;
      if (seconds === undefined) return `"advance" must be a duration such as "8d", "36h", "90m" or "30s"`;
      const beyond = instantRangeProblem(service.now().getTime() + seconds * 1000);
      if (beyond) return `"advance": ${advance} would put the clock at an instant that ${beyond}`;
      service.advanceClock(seconds);
      return undefined;
    }
    if (typeof set !== "string") return `"set" must be an ISO-8601 instant`;
    const read = readInstant(set);
    if ("error" in read) return `"set": ${read.error}`;
    const beyond = instantRangeProblem(read.date.getTime());
    if (beyond) return `"set": ${JSON.stringify(set)} ${beyond}`;
    service.setClock(read.date);
    return undefined;
  } catch (error) {
    if (error instanceof StateWriteError) throw error;
    return (error as Error).message;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    const text = (await readBody(req)).toString("utf8");
    return text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    // Unreadable or not JSON: the caller gets the usage message.
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
