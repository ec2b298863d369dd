#!/usr/bin/env node
// Prints the release notes of a version tag: the body of the CHANGELOG's section for that version. The release
// workflow runs it first, so a tag that does not match package.json's version, or a CHANGELOG still marked
// "(unreleased)" for it, stops the release before anything is built or published.
const fs = require("fs");
const path = require("path");

/** The notes for `tag`, given the package's version and the CHANGELOG's text; throws with the fix. */
function releaseNotes(tag, version, changelog) {
  const fail = (problem, fix) => {
    throw new Error(`release ${tag}: ${problem}. Fix: ${fix}.`);
  };
  if (!tag.startsWith("v")) fail("a release tag starts with v", `tag the release commit v${tag}`);
  if (tag !== `v${version}`)
    fail(
      `the tag does not match package.json's version ${version}`,
      `tag the release commit v${version}, or set "version" to ${tag.replace(/^v/, "")} in that commit`,
    );
  const sections = changelog.split(/^(?=## )/m);
  const section = sections.find((s) => s.startsWith(`## ${version} `) || s.startsWith(`## ${version}\n`));
  if (section === undefined)
    fail(`CHANGELOG.md has no "## ${version}" section`, `move the changes under a heading "## ${version} (<date>)"`);
  const [heading, ...body] = section.split("\n");
  if (/unreleased/i.test(heading))
    fail(
      `CHANGELOG.md's "${heading}" is still marked unreleased`,
      `give it the release date in the release commit, e.g. "## ${version} (${new Date().toISOString().slice(0, 10)})"`,
    );
  const notes = body.join("\n").trim();
  if (notes === "") fail(`CHANGELOG.md's "${heading}" section is empty`, "write what changed under it");
  return `${notes}\n`;
}

module.exports = { releaseNotes };

if (require.main === module) {
  const tag = process.argv[2];
  if (!tag) {
    console.error("usage: node scripts/release-notes.js <tag, e.g. v0.2.0>");
    process.exit(2);
  }
  const root = path.join(__dirname, "..");
  const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
  try {
    process.stdout.write(releaseNotes(tag, version, fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8")));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
