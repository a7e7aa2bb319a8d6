// The official SDKs pointed at an emulator on loopback, as the emulator benches call it: the connection
// settings both SDK generations take, and signature-v3 RPC calls through @alicloud/openapi-client.

import openApiModule from "@alicloud/openapi-client";
import teaUtilModule from "@alicloud/tea-util";

/** The emulator at `port` with its default credentials, in the shape both SDK generations' Config takes. */
export function emulatorTarget(port) {
  return {
    accessKeyId: "local",
    accessKeySecret: "local",
    endpoint: `127.0.0.1:${port}`,
    protocol: "http",
    regionId: "cn-hangzhou",
  };
}

/**
 * A KMS RPC caller through @alicloud/openapi-client (signature v3) at `port`: `call(action, query)` answers
 * the SDK's response (`.body` is the service's JSON). Each action's Params are made once and reused.
 */
export function v3Caller(port) {
  const client = new openApiModule.default(new openApiModule.Config(emulatorTarget(port)));
  const runtime = new teaUtilModule.RuntimeOptions({});
  const paramsByAction = new Map();
  return (action, query) => {
    let params = paramsByAction.get(action);
    if (params === undefined) {
      params = new openApiModule.Params({
        action,
        version: "2016-01-20",
        protocol: "HTTP",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
      paramsByAction.set(action, params);
    }
    return client.callApi(params, new openApiModule.OpenApiRequest({ query }), runtime);
  };
}
