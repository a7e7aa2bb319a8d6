// Who this tool is, for reports other tools read (SARIF's tool.driver): the package's name and version,
// and where its README is read (the package's homepage when it names one, else its registry page).

import { createRequire } from "node:module";
import type { ToolInfo } from "../render/index.js";

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly homepage?: string;
}

const pkg: PackageJson = createRequire(import.meta.url)("../../package.json");

export const TOOL: ToolInfo = {
  name: pkg.name,
  version: pkg.version,
  informationUri: pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`,
};
