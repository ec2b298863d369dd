import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConsumerApp } from "../support/consumer-app";
import { scratchDir } from "../support/scratch";

// The README's first install route: from a git tag, which npm clones, installs with its development dependencies
// and builds with `prepare` before installing the result. Here the repository is a local one holding exactly the
// working tree (tracked and new files, as `git status` sees them) at the tag `v<version>`, installed by a
// `git+file://` URL: the same route as `github:<owner>/<repo>#v<version>` with no network but the npm registry.
// The cdktn flavour is not on this route: the repository's package.json is the CDKTF one.
const ROOT = path.join(__dirname, "..", "..");
const VERSION: string = require(path.join(ROOT, "package.json")).version;

function git(args: string[], cwd: string): string {
  return execFileSync(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args],
    { cwd, encoding: "utf8" },
  );
}

/** A repository whose one commit, tagged `v<version>`, is the working tree. */
function repositoryOfWorkingTree(): string {
  const repo = scratchDir("git-source-");
  const files = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).split("\0").filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
  }
  git(["init", "-q"], repo);
  git(["add", "-A"], repo);
  git(["commit", "-q", "-m", "release"], repo);
  git(["tag", `v${VERSION}`], repo);
  return repo;
}

let repo: string;
let app: ConsumerApp;
beforeAll(() => {
  repo = repositoryOfWorkingTree();
  // npm runs a git dependency's `prepare` only with the app's approval, keyed by the repository's URL.
  app = ConsumerApp.install("git-consumer-", `git+file://${repo}#v${VERSION}`, {
    allowScripts: { [`git+file://${repo}`]: true },
  });
});
afterAll(() => {
  app.remove();
  fs.rmSync(repo, { recursive: true, force: true });
});

test("npm builds the package from the tag with prepare and installs the build, without a warning about it", () => {
  expect(app.installOutput).toMatch(/added \d+ packages/);
  expect(app.warningsAboutUs()).toEqual([]);
  for (const file of [
    "build/lib/index.js",
    "build/lib/index.d.ts",
    "build/lib/assets/ecs-registry-auth.sh",
    ".jsii",
    "API.md",
  ]) {
    expect(fs.existsSync(path.join(app.installed, file))).toBe(true);
  }
  expect(fs.existsSync(path.join(app.installed, "lib"))).toBe(false); // the sources stay behind, as in the tarball
});

test("the README snippets type-check under strict flags and synthesize with plain node", () => {
  app.compile();
  app.synth();
  expect(app.stacks.length).toBeGreaterThanOrEqual(3);
  for (const stack of app.stacks) expect(Object.keys(app.config(stack).resource).length).toBeGreaterThan(0);
});
