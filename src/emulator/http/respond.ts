// Writes a service answer the way the service does: JSON or XML, its headers, the error body's union shape.

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ServiceError } from "../service.js";
import { toXml } from "./xml.js";

export type WireFormat = "JSON" | "XML";

export interface Answer {
  readonly requestId: string;
  readonly format: WireFormat;
  readonly hostId: string;
  /** The simulated clock: every answer's `Date` header carries it (CONTRACT section 5). */
  readonly clock?: () => Date;
}

/** Lower-case UUIDs, as the service's recordings show. */
export function newRequestId(): string {
  return randomUUID();
}

/** `Format` wins; without it the v3 SDK's `Accept: application/json` asks for JSON; else the service's XML. */
export function chooseFormat(format: string | undefined, accept: string | undefined): WireFormat {
  if (format) return format.toUpperCase() === "XML" ? "XML" : "JSON";
  return accept?.toLowerCase().includes("application/json") ? "JSON" : "XML";
}

export function sendSuccess(
  res: ServerResponse,
  answer: Answer,
  action: string,
  body: Readonly<Record<string, unknown>>,
): void {
  send(res, 200, answer, `${action}Response`, { RequestId: answer.requestId, ...body });
}

export function sendError(res: ServerResponse, answer: Answer, error: ServiceError): void {
  const body = {
    RequestId: answer.requestId,
    HostId: answer.hostId,
    HttpStatus: error.status,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Kms`,
  };
  send(res, error.status, answer, "Error", body);
}

function send(
  res: ServerResponse,
  status: number,
  answer: Answer,
  root: string,
  body: Readonly<Record<string, unknown>>,
): void {
  const xml = answer.format === "XML";
  const text = xml ? toXml(root, body) : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": xml ? "text/xml;charset=utf-8" : "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-acs-request-id": answer.requestId,
    ...(answer.clock ? { date: answer.clock().toUTCString() } : {}),
  });
  res.end(text);
}
