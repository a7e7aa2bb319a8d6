// One RPC call as it arrived: method, path, query and form body, headers; and the parameters it carries.

import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 1024 * 1024;

export interface RpcRequest {
  readonly method: string;
  /** The raw path, as signed. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Form-encoded body parameters (empty for any other content type). */
  readonly form: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Query and form together, the form winning, as the SDKs sign them. */
  readonly params: Readonly<Record<string, string>>;
  header(name: string): readonly string[];
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseRpcRequest(req: IncomingMessage, body: Buffer): RpcRequest {
  const url = req.url ?? "/";
  const mark = url.indexOf("?");
  const query = toRecord(new URLSearchParams(mark < 0 ? "" : url.slice(mark + 1)));
  const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
  const form = contentType.startsWith("application/x-www-form-urlencoded")
    ? toRecord(new URLSearchParams(body.toString("utf8")))
    : {};
  const distinct = req.headersDistinct;
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: mark < 0 ? url : url.slice(0, mark),
    query,
    form,
    body,
    params: { ...query, ...form },
    header: (name) => distinct[name.toLowerCase()] ?? [],
  };
}

/** The first value of a header, or undefined. */
export function firstHeader(request: RpcRequest, name: string): string | undefined {
  return request.header(name)[0];
}

function toRecord(search: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (const [name, value] of search) if (!(name in record)) record[name] = value;
  return record;
}
