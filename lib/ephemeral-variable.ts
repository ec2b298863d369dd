import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { checkInput } from "./private/boundary";
import { constructFail } from "./private/fail";

/** Props of `EphemeralVariable`. */
export interface EphemeralVariableProps {
  /**
   * Shown by `terraform plan` when it prompts for the value.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A sensitive, ephemeral string variable (Terraform ≥ 1.10) for a password. `sensitive` alone only hides the
 * value from output: Terraform still writes it into saved plan files. `ephemeral` keeps it out of plan and state,
 * so it can feed write-only arguments such as `secret_string_wo`. Set it with `TF_VAR_<name>` or `-var`.
 */
export class EphemeralVariable extends TerraformVariable {
  constructor(scope: Construct, id: string, props: EphemeralVariableProps = {}) {
    super(scope, id, { type: "string", sensitive: true, nullable: false, description: props?.description });
    checkInput(constructFail(this, "EphemeralVariable"), "props", props, "EphemeralVariableProps", true);
    // Neither cdktf 0.21 nor cdktn 0.24 has an `ephemeral` option on variables (cdktn 0.24 adds ephemeral resources,
    // not variables), so the one place that marks a variable ephemeral is this override, on every line.
    this.addOverride("ephemeral", true);
  }
}
