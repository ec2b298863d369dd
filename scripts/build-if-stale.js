// Rebuilds the package (scripts/build.js) when a file under lib/ is newer than the assembly (.jsii) the last build
// wrote. The example app (scripts/app.js) calls it before it loads build/lib, and the test run's global setup calls
// it once before any worker starts, so apps synthesizing at once never rebuild build/ under one another.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1);
const newest = (dir) =>
  Math.max(
    ...fs
      .readdirSync(dir, { withFileTypes: true })
      .map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : mtime(path.join(dir, e.name)))),
  );

function buildIfStale() {
  if (newest(path.join(root, "lib")) <= mtime(path.join(root, ".jsii"))) return;
  execFileSync(process.execPath, [path.join(__dirname, "build.js")], {
    cwd: root,
    stdio: ["ignore", process.stderr, process.stderr],
  });
}

module.exports = { buildIfStale, mtime };
