import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** A stack with an AWS provider, inside a test app, for construct tests. */
export function testStack(id = "test"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

/** The synthesized stack as an object, validations included (as `cdktf synth` runs them). */
export function synthObject(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** Every resource of `type` in a synthesized stack. */
export function resourcesOf(stack: TerraformStack, type: string): any[] {
  return Object.values(synthObject(stack).resource?.[type] ?? {});
}

export const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/quay-AbC123";
export const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
