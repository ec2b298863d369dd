import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLE_STACKS } from "../support/example-stacks";
import { scratchDir } from "../support/scratch";

// Running an example or a script straight from its TypeScript, with a runner that honours tsconfig.json's paths
// (tsx), as contributors do. tsconfig.json maps the package's own name onto lib/ without a baseUrl: with one, such
// runners resolve the bare specifier `cdktf` to ./cdktf.json, and the app fails before it starts.
const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function runMain(tsconfig: string): { status: number | null; output: string; outdir: string } {
  const outdir = scratchDir("tsx-");
  const result = spawnSync(TSX, ["--tsconfig", tsconfig, "main.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, outdir };
}

describe("main.ts through tsx", () => {
  test("synthesizes every example stack from the sources", () => {
    const { status, output, outdir } = runMain("tsconfig.json");
    try {
      expect(output).toBe("");
      expect(status).toBe(0);
      expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(EXAMPLE_STACKS);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('control: with baseUrl "." the same run fails, as it did before', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"));
    expect(config.compilerOptions.baseUrl).toBeUndefined();
    // Outside the tree, so no other test sees it: the repository's config with the repository as its baseUrl.
    const dir = scratchDir("tsconfig-");
    const withBaseUrl = path.join(dir, "tsconfig.json");
    fs.writeFileSync(
      withBaseUrl,
      JSON.stringify({ extends: path.join(ROOT, "tsconfig.json"), compilerOptions: { baseUrl: ROOT } }),
    );
    try {
      const { status, output, outdir } = runMain(withBaseUrl);
      fs.rmSync(outdir, { recursive: true, force: true });
      expect(status).not.toBe(0);
      expect(output).toMatch(/Class extends value undefined/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
