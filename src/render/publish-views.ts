// The formats of a publish document, chosen once: jwks (default), pem and json (section 12).

import { publishToJson } from "../contract/publish-json.js";
import type { PublishReport } from "../model/index.js";
import { renderJwks } from "./publish-jwks.js";
import { renderPem } from "./publish-pem.js";
import { jsonText, type View } from "./views.js";

export type PublishFormat = "jwks" | "pem" | "json";

export const PUBLISH_VIEWS: Readonly<Record<PublishFormat, View<PublishReport>>> = {
  jwks: (report) => renderJwks(report),
  pem: (report) => renderPem(report),
  json: (report) => jsonText(publishToJson(report)),
};
