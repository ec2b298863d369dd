import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";

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
    super(scope, id, { type: "string", sensitive: true, nullable: false, description: props.description });
X
    this.addOverride("ephemeral", true);
  }
}
