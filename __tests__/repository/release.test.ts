import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

// The release pipeline, checked offline: the workflow against GitHub's workflow schema (action-validator, from npm),
// what it does on a tag read from the file itself, and the release notes it publishes. Running it needs GitHub, the
// registries and their secrets, which no machine here has (README "Releasing").
const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW = path.join(ROOT, ".github", "workflows", "release.yml");
const { validateWorkflow } = require("@action-validator/core");
const { releaseNotes } = require(path.join(ROOT, "scripts", "release-notes.js"));
const { parseArguments } = require(path.join(ROOT, "scripts", "bindings.js"));
const manifest = require(path.join(ROOT, "package.json"));

const text = fs.readFileSync(WORKFLOW, "utf8");
const workflow = parse(text);
const runs = (job: string): string[] =>
  workflow.jobs[job].steps.filter((s: any) => s.run).map((s: any) => s.run as string);
const uses = (job: string): string[] =>
  workflow.jobs[job].steps.filter((s: any) => s.uses).map((s: any) => s.uses as string);

describe("the release workflow", () => {
  test("is valid under GitHub's workflow schema", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  test("control: the validator rejects a job without runs-on", () => {
    expect(
      validateWorkflow(text.replace("    runs-on: ubuntu-24.04\n    timeout-minutes", "    timeout-minutes")).errors,
    ).not.toEqual([]);
  });

  test("runs on version tags only", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*.*.*"] } });
  });

  test("checks the tag against the version and the CHANGELOG, then runs the suite exactly as CI does, then packs", () => {
    const steps = runs("test");
    const at = (command: string) => steps.findIndex((s) => s.trim() === command);
    const tagCheck = at('node scripts/release-notes.js "$GITHUB_REF_NAME" > /dev/null');
    expect(tagCheck).toBeGreaterThanOrEqual(0);
    expect(steps.slice(0, tagCheck)).toEqual(['npm install -g "npm@$NPM_VERSION"']); // nothing else before it
    expect(at("bash .ci/run")).toBeGreaterThan(tagCheck);
    expect(at("npm run package")).toBeGreaterThan(at("bash .ci/run"));
    expect(uses("test")).toContain("actions/upload-artifact@v4");
  });

  test("publishes both npm packages from the tested tarballs with provenance, then the GitHub release", () => {
    expect(workflow.jobs.npm.needs).toBe("test");
    expect(uses("npm")).toContain("actions/download-artifact@v4");
    const [publish, release] = runs("npm").slice(-2);
    expect(publish).toContain("for name in cdktf-private-registry cdktn-private-registry; do");
    expect(publish).toContain('npm publish "dist/$name-$version.tgz" --provenance --access public');
    expect(release).toContain('node scripts/release-notes.js "$GITHUB_REF_NAME" > "$RUNNER_TEMP/notes.md"');
    expect(release).toContain('gh release create "$GITHUB_REF_NAME" dist/*.tgz --verify-tag');
  });

  test("least privilege: read-only by default; only the npm job may write releases and mint an OIDC token", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.npm.permissions).toEqual({ contents: "write", "id-token": "write" });
    for (const job of ["test", "bindings"]) expect(workflow.jobs[job].permissions).toBeUndefined();
  });

  test("builds the bindings of every jsii target the package declares from the tested tarballs, after npm", () => {
    expect(workflow.jobs.bindings.needs).toEqual(["test", "npm"]);
    expect(uses("bindings")).toContain("actions/download-artifact@v4");
    const languages = workflow.jobs.bindings.strategy.matrix.include.map((m: any) => m.language).sort();
    expect(languages).toEqual(Object.keys(manifest.jsii.targets).sort());
    const [install, build, publish] = runs("bindings").slice(-3);
    expect(install).toContain('npm install --no-audit --no-fund "$GITHUB_WORKSPACE/dist/$name-$version.tgz"');
    // scripts/bindings.js, which the consumer tests run on each installed flavour: one pacmak run and folder each
    const words = build.trim().replace('"${{ matrix.language }}"', "go").replace(/"/g, "").split(/\s+/);
    expect(words.slice(0, 2)).toEqual(["node", "scripts/bindings.js"]);
    expect(parseArguments(words.slice(2))).toEqual({
      packageDirs: [
        "$RUNNER_TEMP/cdktf-private-registry/node_modules/cdktf-private-registry",
        "$RUNNER_TEMP/cdktn-private-registry/node_modules/cdktn-private-registry",
      ],
      outdir: "dist/bindings",
      targets: ["go"],
      codeOnly: false,
    });
    expect(parseArguments(["--outdir", "x"])).toBeUndefined(); // control: no package folder
    expect(publish).toContain("for flavour in cdktf-private-registry cdktn-private-registry; do");
    expect(publish).toContain('${{ matrix.publish }} "dist/bindings/$flavour/${{ matrix.language }}"');
  });

  test("every job uses the npm the tests are written against", () => {
    for (const job of Object.keys(workflow.jobs)) expect(runs(job)).toContain('npm install -g "npm@$NPM_VERSION"');
    expect(workflow.env.NPM_VERSION).toBe(
      require("child_process").execFileSync("npm", ["--version"], { encoding: "utf8" }).trim(),
    );
  });

  test("every script and npm script it runs exists", () => {
    const commands = Object.keys(workflow.jobs).flatMap(runs).join("\n");
    const scripts = [...commands.matchAll(/node (scripts\/[\w.-]+)/g)].map((m) => m[1]!);
    const npmScripts = [...commands.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(scripts.length + npmScripts.length).toBeGreaterThan(2); // control: the patterns found the commands
    for (const script of scripts) expect(fs.existsSync(path.join(ROOT, script))).toBe(true);
    for (const name of npmScripts) expect(manifest.scripts).toHaveProperty([name]);
    expect(fs.existsSync(path.join(ROOT, ".ci", "run"))).toBe(true);
  });
});

describe("release notes: the CHANGELOG's section for the tagged version", () => {
  const changelog = "# Changelog\n\n## 1.2.0 (2026-12-01)\n\nIntro.\n\n### Added\n- a thing\n\n## 1.1.0\n\nOld.\n";

  test("are the body of the dated section, up to the next version", () => {
    expect(releaseNotes("v1.2.0", "1.2.0", changelog)).toBe("Intro.\n\n### Added\n- a thing\n");
    expect(releaseNotes("v1.1.0", "1.1.0", changelog)).toBe("Old.\n");
  });

  test.each([
    ["1.2.0", "1.2.0", changelog, "release 1.2.0: a release tag starts with v. Fix: tag the release commit v1.2.0."],
    [
      "v1.3.0",
      "1.2.0",
      changelog,
      'release v1.3.0: the tag does not match package.json\'s version 1.2.0. Fix: tag the release commit v1.2.0, or set "version" to 1.3.0 in that commit.',
    ],
    [
      "v1.3.0",
      "1.3.0",
      changelog,
      'release v1.3.0: CHANGELOG.md has no "## 1.3.0" section. Fix: move the changes under a heading "## 1.3.0 (<date>)".',
    ],
    [
      "v1.2.0",
      "1.2.0",
      changelog.replace("(2026-12-01)", "(unreleased)"),
      'release v1.2.0: CHANGELOG.md\'s "## 1.2.0 (unreleased)" is still marked unreleased. Fix: give it the release date in the release commit',
    ],
    [
      "v1.2.0",
      "1.2.0",
      "## 1.2.0 (2026-12-01)\n\n## 1.1.0\n",
      'release v1.2.0: CHANGELOG.md\'s "## 1.2.0 (2026-12-01)" section is empty. Fix: write what changed under it.',
    ],
  ])("%s with version %s: refused with the fix", (tag, version, text, message) => {
    expect(() => releaseNotes(tag, version, text)).toThrow(message);
  });

  test("the repository's CHANGELOG has a section for package.json's version, one heading edit from a release", () => {
    const version: string = manifest.version;
    const dated = fs
      .readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8")
      .replace(new RegExp(`^## ${version.replace(/\./g, "\\.")} \\(unreleased\\)$`, "m"), `## ${version} (2026-12-01)`);
    expect(releaseNotes(`v${version}`, version, dated)).toMatch(/^\S/);
  });
});
