// Endpoint URLs in the file are held to the rule the KMS client applies when it connects (one function,
// src/model/endpoint.ts), so a file `validate` accepts never fails later on an endpoint, without a position.

import { parseEndpoint } from "../model/endpoint.js";
import { isRecord, type RuleContext, soundString, valueAt } from "./context.js";
import { atPath, type Path, type PathProblem } from "./path.js";

const ALIBABA: Path = ["provider", "alibaba"];

/** Problems with provider.alibaba.endpoints and each account's endpoints and stsEndpoint. */
export function checkEndpoints(ctx: RuleContext): PathProblem[] {
  const paths: Path[] = [...endpointPaths(ctx, [...ALIBABA, "endpoints"])];
  const accounts = valueAt(ctx.root, [...ALIBABA, "accounts"]);
  for (const uid of isRecord(accounts) ? Object.keys(accounts) : []) {
    const account = [...ALIBABA, "accounts", uid];
    paths.push(...endpointPaths(ctx, [...account, "endpoints"]), [...account, "stsEndpoint"]);
  }
  return paths.flatMap((path) => {
    const url = soundString(ctx, path);
    if (url === undefined) return [];
    const parsed = parseEndpoint(url);
    return "problem" in parsed ? [{ path, message: atPath(path, parsed.problem) }] : [];
  });
}

function endpointPaths(ctx: RuleContext, map: Path): Path[] {
  const value = valueAt(ctx.root, map);
  return isRecord(value) ? Object.keys(value).map((region) => [...map, region]) : [];
}
