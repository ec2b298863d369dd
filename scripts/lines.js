// The other live lines' bindings under lines/<line>: installed from their lockfiles when missing, so a fresh clone
// needs nothing beyond `npm ci` before `npm test` or `npm run package`.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");

/** The folder of `line`, its node_modules installed. */
function ensureLine(line) {
  const dir = path.join(root, "lines", line);
  if (!fs.existsSync(path.join(dir, "node_modules"))) {
    execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
  }
  return dir;
}

module.exports = { ensureLine };
