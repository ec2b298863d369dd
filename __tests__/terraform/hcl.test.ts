import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import { App } from "cdktf";
import { EcsExampleStack } from "../../examples/ecs-stack";
import { CdktfProject } from "../support/cdktf-project";
import { TerraformWorkspace } from "../support/terraform";
import { EXAMPLE_STACKS } from "../support/example-stacks";

// `npm run synth:hcl` as npm runs it (the script's own command line, the pinned CLI on PATH) in a project folder of
// its own, on the repository's example app: what a reviewer reads, and what their CI's `terraform fmt -check` sees.
const ROOT = path.join(__dirname, "..", "..");
const SYNTH_HCL: string = require(path.join(ROOT, "package.json")).scripts["synth:hcl"];
const STACKS = EXAMPLE_STACKS;

const project = CdktfProject.forExamples();
beforeAll(() => project.shell(SYNTH_HCL));
afterAll(() => project.remove());

const hclOf = (stack: string) => fs.readFileSync(path.join(project.stackDir(stack), "cdk.tf"), "utf8");

test("npm run synth:hcl writes every example stack as HCL", () => {
  expect(project.stacks().sort()).toEqual(STACKS);
  for (const stack of STACKS) expect(fs.existsSync(path.join(project.stackDir(stack), "cdk.tf.json"))).toBe(false);
});

test("terraform fmt -check accepts all of it: the HCL is canonical", () => {
  const ws = TerraformWorkspace.fromFiles({});
  try {
    const check = ws.run(["fmt", "-check", "-recursive", "-diff", path.join(project.dir, "cdktf.out")]);
    expect(check.stdout).toBe("");
    expect(check.status).toBe(0);
  } finally {
    ws.remove();
  }
});

test.each(STACKS)("%s: the formatted HCL validates under real Terraform", (stack) => {
  const ws = TerraformWorkspace.fromFiles({ "main.tf": hclOf(stack) });
  try {
    const report = ws.initAndValidate();
    expect(report.diagnostics).toEqual([]);
    expect(report.valid).toBe(true);
  } finally {
    ws.remove();
  }
});

test.each(["batch-private-registry", "ecs-private-registry", "production", "pull-through-cache"])(
  "%s: policies and container documents are jsonencode() expressions, not pasted JSON strings",
  (stack) => {
    const hcl = hclOf(stack);
    expect(hcl).toMatch(/(policy|container_definitions|container_properties|ecs_properties)\s*=\s*jsonencode\(/);
    expect(hcl).not.toMatch(/"\{" Version ":"/);
  },
);

// Why synth:hcl runs fmt: cdktf writes references as "${...}" strings and leaves no final newline. If a cdktf release
// writes canonical HCL itself, this fails, and the fmt step can go.
test("control: cdktf's own HCL is not canonical, so fmt -check would fail without the fmt step", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-"));
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true"; // what the CLI's --hcl sets; stacks read it when created
  try {
    const app = new App({ outdir, hclOutput: true });
    new EcsExampleStack(app, "ecs");
    app.synth();
    const ws = TerraformWorkspace.fromFiles({
      "main.tf": fs.readFileSync(path.join(outdir, "stacks", "ecs", "cdk.tf"), "utf8"),
    });
    try {
      expect(ws.run(["fmt", "-check", "main.tf"]).status).not.toBe(0);
    } finally {
      ws.remove();
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
});

test("control: fmt rejects the pasted-JSON HCL the library used to produce", () => {
  const ws = TerraformWorkspace.fromFiles({
    "main.tf": 'resource "x" "y" {\n  policy = "{" Version ":" 2012 - 10 - 17 "}"\n}\n',
  });
  try {
    expect(ws.run(["fmt", "-write=false", "-list=false", "main.tf"]).status).not.toBe(0);
  } finally {
    ws.remove();
  }
});
