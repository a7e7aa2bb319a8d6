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
  /**
   * Names given more than once (twice in the query, twice in the form, or in both). A signature covers one
   * value per name, so a second one is unsigned: the request is refused whole, never decided by either.
   */
  readonly duplicates: readonly string[];
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
  const duplicates = new Set<string>();
  const query = toRecord(new URLSearchParams(mark < 0 ? "" : url.slice(mark + 1)), duplicates);
  const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
  const form = contentType.startsWith("application/x-www-form-urlencoded")
    ? toRecord(new URLSearchParams(body.toString("utf8")), duplicates, query)
    : {};
  const distinct = req.headersDistinct;
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: mark < 0 ? url : url.slice(0, mark),
    query,
    form,
    body,
    params: { ...query, ...form },
    duplicates: [...duplicates],
    header: (name) => distinct[name.toLowerCase()] ?? [],
  };
}

/** The first value of a header, or undefined. */
export function firstHeader(request: RpcRequest, name: string): string | undefined {
  return request.header(name)[0];
}

/** The parameters by name; a name seen before (here or in `before`) goes into `duplicates`. */
function toRecord(
  search: URLSearchParams,
  duplicates: Set<string>,
  before: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (const [name, value] of search) {
    if (name in record || name in before) duplicates.add(name);
    else record[name] = value;
  }
  return record;
}
