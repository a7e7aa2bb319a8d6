// A KMS on this machine (an emulator) with no credentials configured: use the emulator's defaults, so
// `--endpoint http://127.0.0.1:8300` works out of the box. Never applies to any other host.

export const EMULATOR_CREDENTIALS = { accessKeyId: "local", accessKeySecret: "local" } as const;

export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpoint.includes("://")
    ? new URL(endpoint).hostname.replace(/^\[|\]$/g, "")
    : hostOf(endpoint);
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

function hostOf(hostPort: string): string {
  return hostPort.startsWith("[") ? hostPort.slice(1, hostPort.indexOf("]")) : (hostPort.split(":")[0] ?? "");
}

/** `{ credentials }` for a loopback endpoint when the environment names none; otherwise nothing (the chain). */
export function loopbackCredentials(
  endpoint: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { credentials?: typeof EMULATOR_CREDENTIALS } {
  const configured =
    env.ALIBABA_CLOUD_ACCESS_KEY_ID ||
    env.ALIBABA_CLOUD_PROFILE ||
    env.ALIBABA_CLOUD_ROLE_ARN ||
    env.ALIBABA_CLOUD_CREDENTIALS_FILE;
  return endpoint && !configured && isLoopbackEndpoint(endpoint) ? { credentials: EMULATOR_CREDENTIALS } : {};
}
