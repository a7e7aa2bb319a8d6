import { describe, expect, it } from "vitest";
import { NonceCache } from "../../../src/emulator/http/nonce-cache.js";
import { chooseFormat } from "../../../src/emulator/http/respond.js";
import { toXml } from "../../../src/emulator/http/xml.js";

describe("nonce cache", () => {
  it("refuses a nonce seen within the window and accepts it again after", () => {
    const nonces = new NonceCache(1000);
    expect(nonces.remember("a", 0, 0)).toBe(true);
    expect(nonces.remember("a", 999, 999)).toBe(false);
    expect(nonces.remember("a", 1001, 1001)).toBe(true);
  });

  it("keeps a nonce until its request's timestamp leaves the window", () => {
    const nonces = new NonceCache(1000);
    expect(nonces.remember("a", 0, 500)).toBe(true);
    expect(nonces.remember("a", 1400, 1400)).toBe(false);
  });

  it("holds at most its capacity, forgetting the oldest first", () => {
    const nonces = new NonceCache(60_000, 3);
    for (const n of ["a", "b", "c", "d"]) nonces.remember(n, 0, 0);
    expect(nonces.size).toBe(3);
    expect(nonces.remember("d", 1, 1)).toBe(false);
    expect(nonces.remember("a", 1, 1)).toBe(true);
  });
});

describe("wire format", () => {
  it("takes Format first, then the SDK's Accept header, else the service's XML", () => {
    expect(chooseFormat("json", undefined)).toBe("JSON");
    expect(chooseFormat("XML", "application/json")).toBe("XML");
    expect(chooseFormat(undefined, "application/json")).toBe("JSON");
    expect(chooseFormat(undefined, undefined)).toBe("XML");
  });

  it("renders lists as repeated elements and escapes text", () => {
    const xml = toXml("ListKeysResponse", {
      Keys: { Key: [{ KeyId: "a" }, { KeyId: "b<&>" }] },
      TotalCount: 2,
    });
    expect(xml).toContain(
      "<ListKeysResponse><Keys><Key><KeyId>a</KeyId></Key><Key><KeyId>b&#60;&#38;&#62;</KeyId></Key></Keys>" +
        "<TotalCount>2</TotalCount></ListKeysResponse>",
    );
  });
});
