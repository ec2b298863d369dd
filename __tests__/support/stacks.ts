import * as os from "os";
import * as path from "path";
import { DefaultTokenResolver, StringConcat, Testing, TerraformStack, Tokenization } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RegistryCredentials } from "../../lib";

/**
 * What users of CDK Terrain set in cdktf.json's `context`: cdktn checks write-only arguments (`secret_string_wo`)
 * against the Terraform versions an app targets, and its default target predates them. CDKTF ignores the key.
 */
export const TARGET_VERSIONS = { targetVersions: { terraform: ">=1.11.0" } };

/**
 * The output directory of every test app. `Testing.app()` otherwise makes a new temporary directory per app, which
 * construct tests never write to: thousands of empty directories a run. The global setup creates it.
 */
export const TEST_OUTDIR = path.join(os.tmpdir(), `cdktf-private-registry-tests-${os.userInfo().uid}`);

/** A test app with the context a user's cdktf.json would give it. */
export const testApp = () => Testing.app({ context: TARGET_VERSIONS, outdir: TEST_OUTDIR });

/** A stack with an AWS provider, inside a test app, for construct tests. */
export function testStack(id = "test"): TerraformStack {
  const stack = new TerraformStack(testApp(), id);
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
export const HUB_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry/hub-Hh1234";

/** Credentials of an existing Quay secret encrypted with a customer-managed key. */
export const quay = () =>
  RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "quay.io", kmsKeyArn: KEY_ARN });
/** Credentials of an existing Docker Hub secret. */
export const hub = () => RegistryCredentials.fromSecretCompleteArn(HUB_ARN, { registry: "docker.io" });
/** Network settings of a compute environment. */
export const network = { subnetIds: ["subnet-0a1b2c3d", "subnet-0a1b2c3e"], securityGroupIds: ["sg-0a1b2c3d"] };

/** A reference as it appears in the synthesized JSON (`${aws_iam_role.x.arn}`), without spelling hashed ids out. */
export function ref(stack: TerraformStack, value: unknown): string {
  return Tokenization.resolve(value, {
    scope: stack,
    preparing: false,
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
}
