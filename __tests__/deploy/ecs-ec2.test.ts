import * as fs from "fs";
import * as path from "path";
import { secretReadPolicy } from "../../lib/private/policy-documents";
import { CdktfProject } from "../support/cdktf-project";
import { Emulator } from "../support/emulator";
import { emulatorGaps, emulatorNetwork, leftovers, NOTHING_LEFT, unchanged } from "../support/deployed";
import { parseMime, parseYaml } from "../support/user-data";

// ECS on EC2 with instance-level registry auth, deployed with the real cdktf CLI against moto's emulator, as the
// other examples are (deploy/deploy): the AMI from the emulator's copy of AWS's public parameter, the fleet, the
// capacity provider as the cluster's default, and a task definition that carries no credentials. The service is
// left out (support/deployed.ts: the provider cannot read moto's answer for it); the plan test covers its strategy.
const STACK = "ecs-ec2-private-registry";
const SENTINEL = "S3ntinel-ecs-ec2-t0ken";
const QUAY_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:registry/quay-AbC123";

describe("the ECS-on-EC2 example deployed with the real cdktf CLI", () => {
  let emulator: Emulator;
  let project: CdktfProject;
  let vars: Record<string, string>;
  let outputs: Record<string, string>;

  beforeAll(() => {
    emulator = Emulator.start();
    project = CdktfProject.forExamples();
    const network = emulatorNetwork(emulator);
    vars = {
      dockerhub_token: SENTINEL,
      subnet_ids: JSON.stringify([network.subnetId]),
      security_group_ids: JSON.stringify([network.securityGroupId]),
    };
    project.cdktf(emulator, ["synth"]);
    emulatorGaps(emulator, project);
    project.cdktf(
      emulator,
      ["deploy", STACK, "--auto-approve", "--skip-synth", "--skip-provider-lock", "--outputs-file", "outputs.json"],
      vars,
    );
    outputs = JSON.parse(fs.readFileSync(path.join(project.dir, "outputs.json"), "utf8"))[STACK];
  });

  afterAll(() => {
    emulator?.stop();
    project?.remove();
  });

  /** The capacity's launch template, at the version its group launches. */
  function launchTemplate(): { group: any; data: any; latest: number } {
    const [group] = emulator.aws("autoscaling", "describe-auto-scaling-groups").AutoScalingGroups;
    const { LaunchTemplateId, Version } = group.LaunchTemplate;
    const [version] = emulator.aws(
      "ec2",
      "describe-launch-template-versions",
      "--launch-template-id",
      LaunchTemplateId,
      "--versions",
      Version,
    ).LaunchTemplateVersions;
    const [template] = emulator.aws(
      "ec2",
      "describe-launch-templates",
      "--launch-template-ids",
      LaunchTemplateId,
    ).LaunchTemplates;
    return { group, data: version.LaunchTemplateData, latest: template.LatestVersionNumber };
  }

  test("the instances launch the ECS AL2023 AMI from its public parameter, IMDSv2 only, with our user data", () => {
    const { group, data, latest } = launchTemplate();
    expect(group.LaunchTemplate.Version).toBe(String(latest));
    const ami = emulator.aws(
      "ssm",
      "get-parameter",
      "--name",
      "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    ).Parameter.Value;
    expect(data).toMatchObject({
      ImageId: ami,
      InstanceType: "t3.medium",
      MetadataOptions: expect.objectContaining({ HttpTokens: "required", HttpPutResponseHopLimit: 1 }),
    });
    const mime = parseMime(Buffer.from(data.UserData, "base64").toString("utf8"));
    const config = parseYaml(mime.parts.find((p) => p.contentType === "text/cloud-config")!.payload);
    // The cluster name was a reference: it arrived base64-encoded, and decodes to the deployed cluster's.
    expect(config.write_files[0]).toMatchObject({ path: "/etc/ecs/ecs.config", encoding: "b64", append: true });
    expect(Buffer.from(config.write_files[0].content, "base64").toString("utf8")).toBe(
      `ECS_CLUSTER=${outputs.cluster_name}\nECS_AWSVPC_BLOCK_IMDS=true\n`,
    );
    expect(config.write_files[1].content).toContain(`'quay.io ${QUAY_ARN}'`);
  });

  test("the group scales 0-4 with the AmazonECSManaged tag; the capacity provider is the cluster's default", () => {
    const { group } = launchTemplate();
    expect(group).toMatchObject({ MinSize: 0, MaxSize: 4 });
    expect(group.Tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Key: "AmazonECSManaged", Value: "true", PropagateAtLaunch: true }),
      ]),
    );
    const [provider] = emulator.aws(
      "ecs",
      "describe-capacity-providers",
      "--capacity-providers",
      outputs.capacity_provider_name,
    ).capacityProviders;
    expect(provider.autoScalingGroupProvider).toMatchObject({
      autoScalingGroupArn: group.AutoScalingGroupARN,
      managedScaling: expect.objectContaining({ status: "ENABLED", targetCapacity: 100 }),
      managedTerminationProtection: "DISABLED",
    });
    const [cluster] = emulator.aws("ecs", "describe-clusters", "--clusters", outputs.cluster_name).clusters;
    expect(cluster.capacityProviders).toEqual([outputs.capacity_provider_name]);
    expect(cluster.defaultCapacityProviderStrategy).toEqual([
      expect.objectContaining({ capacityProvider: outputs.capacity_provider_name, weight: 1 }),
    ]);
  });

  test("the task definition carries no credentials: the instances' agent has them", () => {
    expect(outputs.service_name).toBe("not deployed: the provider cannot read the emulator's service"); // the gap, as named
    const arns = emulator.aws("ecs", "list-task-definitions").taskDefinitionArns;
    expect(arns).toHaveLength(1);
    const { taskDefinition } = emulator.aws("ecs", "describe-task-definition", "--task-definition", arns[0]);
    expect(taskDefinition.containerDefinitions.map((c: any) => [c.image, c.repositoryCredentials])).toEqual([
      ["example-user/private-app:1.0", undefined],
      ["quay.io/example/worker:2.3", undefined],
    ]);
  });

  test("the instance role reads exactly the two registries' secrets", () => {
    const profiles = emulator.aws("iam", "list-instance-profiles").InstanceProfiles;
    const role = profiles[0].Roles[0].RoleName;
    const policy = emulator.aws(
      "iam",
      "get-role-policy",
      "--role-name",
      role,
      "--policy-name",
      "private-registry-secret-read",
    ).PolicyDocument;
    const secrets = emulator.aws("secretsmanager", "list-secrets").SecretList.map((s: any) => s.ARN);
    expect(policy).toEqual(secretReadPolicy([...secrets, QUAY_ARN].map((arn) => ({ secretResource: arn }))));
    const attached = emulator
      .aws("iam", "list-attached-role-policies", "--role-name", role)
      .AttachedPolicies.map((p: any) => p.PolicyName);
    expect(attached).toEqual(["AmazonEC2ContainerServiceforEC2Role"]);
  });

  test("cdktf diff right after the deploy reports no changes", () => {
    expect(unchanged(project, emulator, [STACK], vars)).toEqual({ [STACK]: true });
  });

  test("the token is in no state file, saved plan or CLI output", () => {
    expect(project.writtenFiles()).toContain("terraform_version"); // control: the state files were read
    expect(project.writtenFiles()).not.toContain("S3ntinel");
    expect(project.transcript).not.toContain("S3ntinel");
  });

  test("cdktf destroy leaves none of the stack's resources", () => {
    project.cdktf(emulator, ["destroy", STACK, "--auto-approve", "--skip-synth"], vars);
    expect(leftovers(emulator)).toEqual(NOTHING_LEFT);
    expect(emulator.aws("autoscaling", "describe-auto-scaling-groups").AutoScalingGroups).toEqual([]);
    // A deleted cluster stays listed as INACTIVE for a while, in AWS as in the emulator.
    const clusters = emulator.aws("ecs", "describe-clusters", "--clusters", outputs.cluster_name).clusters;
    expect(clusters.map((c: any) => c.status)).toEqual(["INACTIVE"]);
    const { capacityProviders } = emulator.aws(
      "ecs",
      "describe-capacity-providers",
      "--capacity-providers",
      outputs.capacity_provider_name,
    );
    expect(capacityProviders.filter((p: any) => p.status === "ACTIVE")).toEqual([]);
  });
});
