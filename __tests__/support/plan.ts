import { execFileSync } from "child_process";
import * as path from "path";

/** A resource change as `plan -json` streams it. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: string;
}

/**
 * What `TerraformWorkspace.plan` returns. The saved plan's JSON (`terraform show -json`, which starts the provider
 * once more) is read on first use only.
 */
export class Plan {
  private shown?: string;
  private parsed?: any;

  constructor(
    private readonly workspace: { ok(args: string[]): string },
    public readonly planFile: string,
    /** Every diagnostic the plan reported, warnings too. */
    public readonly diagnostics: unknown[],
    public readonly changes: PlannedChange[],
  ) {}

  /** `terraform show -json` of the saved plan, as text. */
  public get text(): string {
    this.shown ??= this.workspace.ok(["show", "-json", path.basename(this.planFile)]);
    return this.shown;
  }

  public get json(): any {
    this.parsed ??= JSON.parse(this.text);
    return this.parsed;
  }
}

/** The planned resources of one type in `terraform show -json` output. */
export function plannedResources(plan: any, type: string): any[] {
  return plan.planned_values.root_module.resources.filter((r: any) => r.type === type);
}

/** Every file inside a saved plan (a zip archive), as text, so a leaked value can be searched for. */
export function planFileContents(planFile: string): string {
  const script =
    "import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.buffer.write(z.read(n))";
  return execFileSync("python3", ["-c", script, planFile]).toString("latin1");
}
