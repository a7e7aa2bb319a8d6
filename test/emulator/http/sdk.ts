// The two official SDK generations, pointed at an emulator: the only way these tests talk to it.

import * as KmsModule from "@alicloud/kms20160120";
import * as OpenApiModule from "@alicloud/openapi-client";
import * as OpenApiUtilModule from "@alicloud/openapi-util";
import * as RpcModule from "@alicloud/rpc-client";
import * as TeaUtilModule from "@alicloud/tea-util";

/** CommonJS default exports arrive as `module.default` in Node and as the module itself under vitest. */
function cjsDefault<T>(module: unknown): T {
  const m = module as { default?: unknown };
  const inner = m.default as { default?: unknown } | undefined;
  return (typeof inner === "function" ? inner : (inner?.default ?? inner ?? m)) as T;
}

export const Kms = KmsModule;
export const KmsClient = cjsDefault<typeof KmsModule.default.default>(KmsModule);
export const OpenApiClient = cjsDefault<typeof OpenApiModule.default.default>(OpenApiModule);
export const OpenApiUtil = cjsDefault<typeof OpenApiUtilModule.default.default>(OpenApiUtilModule);
export type OpenApiClient = InstanceType<typeof OpenApiClient>;
export const { OpenApiRequest, Params } = OpenApiModule;
export const { RuntimeOptions } = TeaUtilModule;

export interface Target {
  readonly port: number;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
}

const TEST_READ_TIMEOUT_MS = 30_000;

/** `@alicloud/kms20160120` 1.x: signature version 1.0 through `@alicloud/rpc-client`. */
export function kmsClient(target: Target): InstanceType<typeof KmsClient> {
  return new KmsClient(
    new RpcModule.Config({
      accessKeyId: target.accessKeyId ?? "local",
      accessKeySecret: target.accessKeySecret ?? "local",
      securityToken: target.securityToken,
      endpoint: `127.0.0.1:${target.port}`,
      protocol: "http",
      regionId: "cn-hangzhou",
      // The SDKs' 3 s default read timeout measures a loaded 2-core machine, not the emulator.
      readTimeout: TEST_READ_TIMEOUT_MS,
    }),
  );
}

export type Signature = "v3" | "v1";

/** `@alicloud/openapi-client` `callApi`: signature v3 by default, v1 with `signatureAlgorithm: "v2"`. */
export function openApiClient(target: Target, signature: Signature): OpenApiClient {
  return new OpenApiClient(
    new OpenApiModule.Config({
      accessKeyId: target.accessKeyId ?? "local",
      accessKeySecret: target.accessKeySecret ?? "local",
      securityToken: target.securityToken,
      endpoint: `127.0.0.1:${target.port}`,
      protocol: "http",
      regionId: "cn-hangzhou",
      // The SDKs' 3 s default read timeout measures a loaded 2-core machine, not the emulator.
      readTimeout: TEST_READ_TIMEOUT_MS,
      ...(signature === "v1" ? { signatureAlgorithm: "v2" } : {}),
    }),
  );
}

export interface RawCall {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: Record<string, string>;
  readonly method?: "GET" | "POST";
  readonly version?: string;
}

/** One RPC action through `callApi`; resolves to the raw body and headers the SDK returns. */
export async function callAction(
  client: OpenApiClient,
  action: string,
  call: RawCall = {},
): Promise<{ body: Record<string, unknown>; headers: Record<string, string>; statusCode: number }> {
  const params = new Params({
    action,
    version: call.version ?? "2016-01-20",
    protocol: "HTTP",
    pathname: "/",
    method: call.method ?? "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const request = new OpenApiRequest({ query: call.query, headers: call.headers, body: call.body });
  return (await client.callApi(params, request, new RuntimeOptions({}))) as never;
}

/** What an SDK error carries: its code, the HTTP status (in data or the message), the error body. */
export function sdkError(error: unknown): { code: string; status: number; data: Record<string, unknown> } {
  const e = error as { code?: string; message?: string; data?: Record<string, unknown> };
  const status = Number(/code: (\d{3})/.exec(e.message ?? "")?.[1] ?? e.data?.statusCode ?? 0);
  return { code: String(e.code), status, data: e.data ?? {} };
}

/** Resolves to the error a call fails with; fails the test when the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<ReturnType<typeof sdkError>> {
  try {
    await promise;
  } catch (error) {
    return sdkError(error);
  }
  throw new Error("expected the call to fail");
}
