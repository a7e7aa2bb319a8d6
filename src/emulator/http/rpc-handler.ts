// One RPC call through the edge: parse, count, check the action, authenticate, pass the limits, run, answer.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Limits } from "../limits/index.js";
import type { EmulatorService, ServiceError } from "../service.js";
import { type AuthContext, authenticate, isSignatureV3 } from "./authenticate.js";
import type { CallStats } from "./call-stats.js";
import { commonErrors } from "./common-errors.js";
import { type Answer, chooseFormat, newRequestId, sendError, sendSuccess } from "./respond.js";
import { BodyTooLargeError, firstHeader, parseRpcRequest, type RpcRequest, readBody } from "./rpc-request.js";
import { assumeRole, knowsStsAction, STS_API_VERSION, type StsOptions } from "./sts.js";

export const API_VERSION = "2016-01-20";

/** Parameters of the protocol itself, which the core never sees. */
const COMMON_PARAMETERS = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "SecurityToken",
  "RegionId",
]);

export interface RpcContext {
  readonly service: EmulatorService;
  readonly auth: AuthContext;
  readonly limits: Limits;
  readonly stats: CallStats;
  readonly hostId: string;
  readonly accepting: () => boolean;
  /** Set when the emulator plays roles (`--role`): it then answers STS AssumeRole too. */
  readonly sts?: StsOptions;
}

export async function handleRpc(
  req: IncomingMessage,
  res: ServerResponse,
  context: RpcContext,
): Promise<void> {
  const answer: Answer = {
    requestId: newRequestId(),
    format: "XML",
    hostId: context.hostId,
    clock: () => context.service.now(),
  };
  if (req.method !== "GET" && req.method !== "POST") {
    return sendError(res, answer, commonErrors.unsupportedMethod(String(req.method)));
  }
  let request: RpcRequest;
  try {
    request = parseRpcRequest(req, await readBody(req));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, answer, commonErrors.tooLarge());
    throw error;
  }
  const format = chooseFormat(request.params.Format, firstHeader(request, "accept"));
  // The RPC API lives at the root, where both SDK generations send it; any other path is no API.
  if (request.path !== "/") return sendError(res, { ...answer, format }, commonErrors.unknownAction());
  await runCall(request, res, { ...answer, format }, context);
}

async function runCall(request: RpcRequest, res: ServerResponse, answer: Answer, context: RpcContext) {
  const { action, version } = signedCall(request);
  if (!action) return sendError(res, answer, commonErrors.missingParameter("Action"));
  context.stats.count(action);
  const unsigned = request.duplicates[0] ?? disagreement(request, action, version);
  if (unsigned !== undefined) return sendError(res, answer, commonErrors.duplicateParameter(unsigned));
  if (version === STS_API_VERSION && context.sts)
    return runSts(request, res, answer, action, context.sts, context);
  const refused = checkAction(version, action, context.service) ?? authenticate(request, context.auth);
  if (refused) return sendError(res, answer, refused);
  const admission = await context.limits.admit(action);
  if (admission.kind === "reset") return resetConnection(res);
  if (admission.kind === "reject") return sendError(res, answer, admission.error);
  const params = serviceParams(request.params);
  await context.service.prepare(action, params);
  if (!context.accepting()) return resetConnection(res);
  const outcome = callService(context.service, action, params);
  if (admission.after === "reset") return resetConnection(res);
  if (admission.after) return sendError(res, answer, admission.after);
  if (outcome.ok) sendSuccess(res, answer, action, outcome.body);
  else sendError(res, answer, outcome.error);
}

function checkAction(
  version: string | undefined,
  action: string,
  service: EmulatorService,
): ServiceError | undefined {
  if (!version) return commonErrors.missingParameter("Version");
  if (version !== API_VERSION) return commonErrors.invalidVersion();
  if (!service.knows(action)) return commonErrors.unknownAction();
  return undefined;
}

/**
 * The action and version as the signature covers them: signature v3 signs the x-acs-action and
 * x-acs-version headers (authenticate() insists they are signed), version 1.0 signs the parameters.
 */
function signedCall(request: RpcRequest): { action?: string | undefined; version?: string | undefined } {
  if (!isSignatureV3(request)) return { action: request.params.Action, version: request.params.Version };
  return { action: firstHeader(request, "x-acs-action"), version: firstHeader(request, "x-acs-version") };
}

/**
 * Under signature v3, an Action or Version parameter other than the signed header, or a signed header
 * given twice (which value would decide?), is not what was signed: the name to refuse the request with.
 */
function disagreement(request: RpcRequest, action: string, version: string | undefined): string | undefined {
  if (!isSignatureV3(request)) return undefined;
  for (const name of ["x-acs-action", "x-acs-version"]) if (request.header(name).length > 1) return name;
  const { Action, Version } = request.params;
  if (Action !== undefined && Action !== action) return "Action";
  if (Version !== undefined && Version !== version) return "Version";
  return undefined;
}

/** STS is another service on the same port: its own action, no KMS quota or faults, the account's key only. */
function runSts(
  request: RpcRequest,
  res: ServerResponse,
  answer: Answer,
  action: string,
  sts: StsOptions,
  context: RpcContext,
) {
  const stsAnswer = { ...answer, hostId: "sts.aliyuncs.com" };
  if (!knowsStsAction(action)) return sendError(res, stsAnswer, commonErrors.unknownAction());
  const refused = authenticate(request, context.auth, { tokens: false });
  if (refused) return sendError(res, stsAnswer, refused);
  const outcome = assumeRole(serviceParams(request.params), sts);
  if (outcome.ok) sendSuccess(res, stsAnswer, action, outcome.body);
  else sendError(res, stsAnswer, outcome.error);
}

function callService(service: EmulatorService, action: string, params: Record<string, string>) {
  try {
    return service.call(action, params);
  } catch {
    // A bug or a disk failure in the core: the service answers 500 and keeps serving.
    return {
      ok: false as const,
      error: { status: 500, code: "InternalFailure", message: "Internal error." },
    };
  }
}

function serviceParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (!COMMON_PARAMETERS.has(name)) kept[name] = value;
  return kept;
}

/** The connection dies with no response, as when a load balancer or the network drops it. */
function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket?.destroy();
}
