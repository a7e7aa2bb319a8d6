// validate's `--format github` view: problems as `::error`, hints as `::warning`, escaped as GitHub's
// workflow commands require.

import { describe, expect, it } from "vitest";
import {
  githubAnnotation,
  renderGithubErrors,
  renderGithubWarnings,
} from "../../src/render/github-annotations.js";

describe("GitHub annotations", () => {
  it("escapes annotation properties and data as GitHub requires", () => {
    const problem = {
      message: "100% wrong\r\nreally: yes, really",
      position: { file: "dir,x/a:b%.yaml", line: 3, column: 4 },
    };
    expect(githubAnnotation(problem)).toBe(
      "::error file=dir%2Cx/a%3Ab%25.yaml,line=3,col=4::100%25 wrong%0D%0Areally: yes, really",
    );
    expect(githubAnnotation({ message: "cannot read x.yaml: no such file" })).toBe(
      "::error::cannot read x.yaml: no such file",
    );
  });

  it("names the key of a problem with no place in the file, and never prints control characters", () => {
    expect(githubAnnotation({ message: "bad\u001b[31m", key: "alias/a" }, "warning")).toBe(
      "::warning::alias/a: bad\\u001b[31m",
    );
  });

  it("lists the first 100 errors, then a count; warnings all", () => {
    const many = Array.from({ length: 102 }, (_, i) => ({
      message: `problem ${i}`,
      position: { file: "kms.yaml", line: i + 1, column: 1 },
    }));
    const lines = renderGithubErrors(many).split("\n");
    expect(lines[0]).toBe("::error file=kms.yaml,line=1,col=1::problem 0");
    expect(lines[100]).toBe("... and 2 more problems (102 in all)");
    expect(lines).toHaveLength(102);
    expect(renderGithubWarnings(many.slice(0, 2))).toBe(
      "::warning file=kms.yaml,line=1,col=1::problem 0\n::warning file=kms.yaml,line=2,col=1::problem 1\n",
    );
  });
});
