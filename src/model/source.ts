// Where a value came from in a user's file, so every problem can point at it.

export interface SourcePosition {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

/** A problem a user caused: printed as `file:line:column: message`, never thrown through the CLI. */
export interface Problem {
  readonly message: string;
  readonly position?: SourcePosition;
  /** The declared key the problem is about, when there is one. */
  readonly key?: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.position
    ? `${problem.position.file}:${problem.position.line}:${problem.position.column}: `
    : "";
  const key = problem.key && !problem.position ? `${problem.key}: ` : "";
  return `${where}${key}${problem.message}`;
}
