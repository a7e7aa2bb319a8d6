// How an RPC-style Alibaba Cloud API (KMS, STS) is called through `@alicloud/openapi-client`'s callApi:
// POST to `/`, the parameters form-encoded, the answer JSON, signed with an AccessKey.

import type { Params } from "@alicloud/openapi-client";

/** The SDK's Params for one `action` of API `version` over `protocol` (`http` or `https`). */
export function rpcParams(
  sdk: { readonly Params: typeof Params },
  action: string,
  version: string,
  protocol: string,
): Params {
  return new sdk.Params({
    action,
    version,
    protocol,
    method: "POST",
    authType: "AK",
    style: "RPC",
    pathname: "/",
    reqBodyType: "formData",
    bodyType: "json",
  });
}
