// RFC 3986 percent-encoding as both signature versions define it: only A-Z a-z 0-9 - _ . ~ stay as they are.

/** `encodeURIComponent` leaves `!'()*` alone; the service (and its SDKs) encode them too. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
