import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import { App, TerraformStack } from "cdktf";
import { BatchExampleStack } from "../examples/batch-stack";
import { EcsExampleStack } from "../examples/ecs-stack";
import { ProductionExampleStack } from "../examples/production-stack";
import { PullThroughExampleStack } from "../examples/pull-through-stack";
import { TerraformWorkspace } from "./support/terraform";

/** What `cdktf synth --hcl` writes for a stack: the CLI sets SYNTH_HCL_OUTPUT, which stacks read when created. */
function synthHcl(make: (app: App) => TerraformStack): string {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-"));
  try {
    const app = new App({ outdir, hclOutput: true });
    const stack = make(app);
    app.synth();
    return fs.readFileSync(path.join(outdir, "stacks", stack.node.id, "cdk.tf"), "utf8");
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

describe.each([
  ["ECS", (app: App) => new EcsExampleStack(app, "ecs")],
  ["Batch", (app: App) => new BatchExampleStack(app, "batch")],
  ["pull-through cache", (app: App) => new PullThroughExampleStack(app, "cache")],
  ["production", (app: App) => new ProductionExampleStack(app, "production")],
])("the %s example as HCL, as reviewers read it", (_, make) => {
  const hcl = synthHcl(make);

  test("holds policies and container documents as jsonencode() expressions, not pasted JSON strings", () => {
    expect(hcl).toMatch(/(policy|container_definitions|container_properties|ecs_properties)\s*=\s*"?\$?\{?jsonencode\(/);
    expect(hcl).not.toMatch(/"\{" Version ":"/);
  });

  // fmt parses the file (a syntax error fails it) and would only restyle cdktf's "${...}" wrappers around plain
  // references, which is cdktf's rendering, not a defect; so the check is that it parses, not that it is restyled.
  test("terraform fmt parses it and terraform validate passes", () => {
    const ws = TerraformWorkspace.fromFiles({ "main.tf": hcl });
    try {
      const check = ws.run(["fmt", "-write=false", "-list=false", "main.tf"]);
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
      const report = ws.initAndValidate();
      expect(report.diagnostics).toEqual([]);
      expect(report.valid).toBe(true);
    } finally {
      ws.remove();
    }
  });
});

test("control: fmt rejects the pasted-JSON HCL the library used to produce", () => {
  const ws = TerraformWorkspace.fromFiles({ "main.tf": 'resource "x" "y" {\n  policy = "{" Version ":" 2012 - 10 - 17 "}"\n}\n' });
  try {
    expect(ws.run(["fmt", "-write=false", "-list=false", "main.tf"]).status).not.toBe(0);
  } finally {
    ws.remove();
  }
});
