// A mistake in how the command was called: printed with the command's help, exit 1.

export class UsageError extends Error {
  override readonly name = "UsageError";
}
