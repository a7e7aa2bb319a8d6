// A YAML file nested deeper than the parser's stack: the yaml library reports the JavaScript engine's
// words ("Maximum call stack size exceeded"), once per level it unwinds; people get ours, once.

/** The engine's message for a stack overflow, in whatever error carries it. */
const STACK_OVERFLOW = /Maximum call stack size exceeded|too much recursion/i;

export const NESTED_TOO_DEEPLY = "nested too deeply";

/** True for an error (the yaml library's or a RangeError) that is a stack overflow. */
export function isTooDeep(error: { readonly message: string }): boolean {
  return STACK_OVERFLOW.test(error.message);
}

/** The parser's advice for a file of several documents, meant for its own callers, not for ours. */
const SEVERAL_DOCUMENTS = /^Source contains multiple documents; please use YAML\.parseAllDocuments\(\)$/;

/** What a file of several YAML documents is told: the config is one. */
export const ONE_DOCUMENT =
  "a config is one YAML document, and this file holds several (a `---` line starts another)";

/**
 * The parser's errors as people should read them: a stack overflow as `nested too deeply`, reported at
 * the first place it was met and not again (the parser reports one per level as it unwinds); the
 * parser's advice to its own callers about several documents in our words.
 */
export function yamlErrorsInOurWords<T extends { readonly message: string }>(
  errors: readonly T[],
): (T & { readonly text: string })[] {
  let deep = false;
  return errors.flatMap((error) => {
    if (SEVERAL_DOCUMENTS.test(error.message)) return [{ ...error, text: ONE_DOCUMENT }];
    if (!isTooDeep(error)) return [{ ...error, text: error.message }];
    if (deep) return [];
    deep = true;
    return [{ ...error, text: NESTED_TOO_DEEPLY }];
  });
}
