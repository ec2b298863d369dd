import { ContainerImage, RegistryCredentials } from "../../lib";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { decodeDocument } from "../support/documents";
import { resourcesOf, SECRET_ARN, testStack } from "../support/stacks";

const quay = () => RegistryCredentials.fromSecretCompleteArn(SECRET_ARN, { registry: "quay.io" });

describe("ContainerImage", () => {
  test("binding a private image grants the pulling role and returns the credentials parameter", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    const config = ContainerImage.fromRegistry("quay.io/org/app:1", { credentials: quay() }).bind(stack, role);
    expect(config).toEqual({
      imageName: "quay.io/org/app:1",
      credentialsParameter: SECRET_ARN,
      repositoryCredentials: { credentialsParameter: SECRET_ARN },
    });
    expect(decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[0].Resource).toBe(SECRET_ARN);
  });

  test("binding a public image grants nothing", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Role", { assumeRolePolicy: "{}" });
    expect(ContainerImage.fromRegistry("nginx:1.27").bind(stack, role)).toEqual({ imageName: "nginx:1.27" });
    expect(resourcesOf(stack, "aws_iam_role_policy")).toHaveLength(0);
  });

  test("credentials on an ECR image", () => {
    expect(() =>
      ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app", { credentials: quay() }),
    ).toThrow(/ECR images are pulled with the execution role.*Fix: drop the credentials/);
  });

  test("credentials of another registry", () => {
    expect(() => ContainerImage.fromRegistry("ghcr.io/org/app", { credentials: quay() })).toThrow(
      /in registry "ghcr.io" but its credentials are for "quay.io"/,
    );
    expect(() => ContainerImage.fromRegistry("org/app", { credentials: quay() })).toThrow(
      /in registry "https:\/\/index.docker.io\/v1\/"/,
    );
  });
});
