// Library entry: the same stages the CLI wires together, for programs that embed kms-rotation.

export * from "./model/index.js";
