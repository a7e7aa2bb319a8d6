// Why a file could not be read or written, in words: `no such file`, not `(ENOENT)`. One table for the
// config, the reports render reads, saved plans and every file the tool writes.

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  ENOTDIR: "a folder on its path is a file",
  EISDIR: "it is a directory",
  ENOTREG: "it is not a regular file",
  ELOOP: "it is a symbolic link",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
  EBUSY: "the file is busy",
  EIO: "an input/output error",
};

/** `no such file` for ENOENT; the error's own message for a code without words here. */
export function fileErrorWords(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && WORDS[code] !== undefined) return WORDS[code];
  if (typeof code === "string") return `system error ${code}`;
  return error instanceof Error ? error.message : String(error);
}
