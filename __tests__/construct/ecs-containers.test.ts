import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import {
  ContainerDependencyCondition,
  ContainerImage,
  ContainerSecret,
  FirelensLogRouterType,
  LogDriver,
  RegistryCredentials,
  UlimitName,
  ecs,
} from "../../lib";
import { decodeDocument } from "../support/documents";
import { ref, resourcesOf, SECRET_ARN, synthObject, testStack } from "../support/stacks";

const nginx = ContainerImage.fromRegistry("nginx:1.27");
const SM = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-Ab12Cd";
const fargate = (stack: TerraformStack, props: Partial<ecs.TaskDefinitionProps> = {}) =>
  new ecs.TaskDefinition(stack, "Task", {
    family: "app",
    compatibility: ecs.Compatibility.FARGATE,
    cpu: 1024,
    memoryMiB: 2048,
    ...props,
  });
const containersOf = (stack: TerraformStack) =>
  decodeDocument(resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions);
/** The messages `cdktf synth` would print for the stack's validations. */
const synthErrors = (stack: TerraformStack) => {
  try {
    synthObject(stack);
  } catch (e) {
    return (e as Error).message;
  }
  return "";
};

describe("ecs.TaskDefinition containers: what a real service needs", () => {
  test("each prop becomes the API member users know, under the API's name", () => {
    const stack = testStack();
    const task = fargate(stack);
    task.addContainer("app", {
      image: nginx,
      secrets: {
        ZED: ContainerSecret.fromSecretsManager(SM, { field: "z" }),
        ALPHA: ContainerSecret.fromSsmParameterName("/app/a"),
      },
      healthCheck: {
        command: ["CMD-SHELL", "curl -f localhost"],
        intervalSeconds: 10,
        timeoutSeconds: 3,
        retries: 2,
        startPeriodSeconds: 20,
      },
      linuxParameters: { initProcessEnabled: true },
      ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 2048 }],
      systemControls: [{ name: "net.core.somaxconn", value: "512" }],
      readonlyRootFilesystem: true,
      user: "1000:1000",
      stopTimeoutSeconds: 90,
      versionConsistency: ecs.VersionConsistency.DISABLED,
    });
    expect(containersOf(stack)[0]).toEqual({
      name: "app",
      image: "nginx:1.27",
      essential: true,
      linuxParameters: { initProcessEnabled: true },
      // Sorted by name, as ECS returns them; any other order would show as a perpetual diff.
      secrets: [
        { name: "ALPHA", valueFrom: "/app/a" },
        { name: "ZED", valueFrom: `${SM}:z::` },
      ],
      stopTimeout: 90,
      versionConsistency: "disabled",
      user: "1000:1000",
      readonlyRootFilesystem: true,
      ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 2048 }],
      healthCheck: {
        command: ["CMD-SHELL", "curl -f localhost"],
        interval: 10,
        timeout: 3,
        retries: 2,
        startPeriod: 20,
      },
      systemControls: [{ namespace: "net.core.somaxconn", value: "512" }],
    });
  });

  test("a task role object and task-level settings reach the resource", () => {
    const stack = testStack();
    const role = new IamRole(stack, "AppRole", { assumeRolePolicy: "{}" });
    fargate(stack, { taskRole: role, ephemeralStorageGiB: 50, enableFaultInjection: true }).addContainer("app", {
      image: nginx,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcsTaskDefinition, {
      task_role_arn: "${aws_iam_role.AppRole.arn}",
      ephemeral_storage: { size_in_gib: 50 },
      enable_fault_injection: true,
    });
  });

  test("Terraform references pass every number check unchecked, literals beside them included", () => {
    const stack = testStack();
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const memory = new TerraformVariable(stack, "memory", { type: "number" }).numberValue;
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.EC2,
      networkMode: ecs.NetworkMode.AWS_VPC,
      memoryMiB: memory,
    });
    task.addContainer("app", {
      image: nginx,
      memoryMiB: memory,
      memoryReservationMiB: 256,
      cpu: port,
      portMappings: [{ containerPort: port, hostPort: port }],
      healthCheck: { command: ["CMD", "true"], intervalSeconds: port },
      ulimits: [{ name: UlimitName.NOFILE, softLimit: port, hardLimit: 1024 }],
      stopTimeoutSeconds: port,
    });
    const [container] = containersOf(stack);
    expect(container.portMappings).toEqual([
      { containerPort: "${var.port}", hostPort: "${var.port}", protocol: "tcp" },
    ]);
    expect(container.memory).toBe("${var.memory}");
    // The task's own memory, a string argument, is the reference too (String() of a number token is not).
    expect(resourcesOf(stack, "aws_ecs_task_definition")[0].memory).toBe("${var.memory}");
  });

  test("additionalProperties adds a member this library has no prop for, after the typed ones", () => {
    const stack = testStack();
    fargate(stack).addContainer("app", { image: nginx, additionalProperties: { futureMember: { enabled: true } } });
    expect(containersOf(stack)[0].futureMember).toEqual({ enabled: true });
  });

  test("a Terraform argument without a prop is set with cdktf's own override on the resource", () => {
    const stack = testStack();
    const task = new ecs.TaskDefinition(stack, "Task", {
      family: "app",
      compatibility: ecs.Compatibility.EC2,
      memoryMiB: 512,
    });
    task.addContainer("app", { image: nginx });
    task.resource.addOverride("inference_accelerator", [{ device_name: "device_1", device_type: "eia2.medium" }]);
    expect(resourcesOf(stack, "aws_ecs_task_definition")[0].inference_accelerator).toEqual([
      { device_name: "device_1", device_type: "eia2.medium" },
    ]);
  });

  test("a container is what its options said when it was added, nested objects included", () => {
    const stack = testStack();
    const healthCheck = { command: ["CMD", "true"], retries: 2 };
    const linuxParameters = { initProcessEnabled: true };
    fargate(stack).addContainer("app", { image: nginx, healthCheck, linuxParameters });
    healthCheck.command.push("changed");
    (linuxParameters as any).initProcessEnabled = false;
    const [container] = containersOf(stack);
    expect(container.healthCheck.command).toEqual(["CMD", "true"]);
    expect(container.linuxParameters).toEqual({ initProcessEnabled: true });
  });

  test("a FireLens router the app waits for; the app logs through it", () => {
    const stack = testStack();
    const task = fargate(stack);
    task.addContainer("app", {
      image: nginx,
      dependsOn: [{ containerName: "router", condition: ContainerDependencyCondition.START }],
      logging: LogDriver.generic({ logDriver: "awsfirelens", options: { Name: "cloudwatch" } }),
    });
    task.addContainer("router", {
      image: nginx,
      essential: false,
      firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT },
    });
    expect(synthErrors(stack)).toBe("");
    const [app, router] = containersOf(stack);
    expect(app.dependsOn).toEqual([{ containerName: "router", condition: "START" }]);
    expect(router.firelensConfiguration).toEqual({ type: "fluentbit" });
  });

  describe("what ECS would refuse at deploy is refused at synth, once every container is added", () => {
    test.each<[string, (task: ecs.TaskDefinition) => void, RegExp]>([
      [
        "a dependency the task lacks",
        (t) =>
          t.addContainer("app", {
            image: nginx,
            dependsOn: [{ containerName: "db", condition: ContainerDependencyCondition.START }],
          }),
        /container "app" depends on "db", which the task lacks\. Fix: add a container named "db", or remove that dependsOn entry\./,
      ],
      [
        "a container depending on itself",
        (t) =>
          t.addContainer("app", {
            image: nginx,
            dependsOn: [{ containerName: "app", condition: ContainerDependencyCondition.START }],
          }),
        /container "app" depends on itself/,
      ],
      [
        "a cycle",
        (t) => {
          t.addContainer("a", {
            image: nginx,
            dependsOn: [{ containerName: "b", condition: ContainerDependencyCondition.START }],
          });
          t.addContainer("b", {
            image: nginx,
            essential: false,
            dependsOn: [{ containerName: "c", condition: ContainerDependencyCondition.START }],
          });
          t.addContainer("c", {
            image: nginx,
            essential: false,
            dependsOn: [{ containerName: "a", condition: ContainerDependencyCondition.START }],
          });
        },
        /depend on each other in a cycle: a -> b -> c -> a/,
      ],
      [
        "HEALTHY without a health check",
        (t) => {
          t.addContainer("app", {
            image: nginx,
            dependsOn: [{ containerName: "db", condition: ContainerDependencyCondition.HEALTHY }],
          });
          t.addContainer("db", { image: nginx });
        },
        /waits for "db" to be HEALTHY, but "db" has no healthCheck\. Fix: give "db" a healthCheck, or wait for START/,
      ],
      [
        "SUCCESS of an essential container",
        (t) => {
          t.addContainer("app", {
            image: nginx,
            dependsOn: [{ containerName: "init", condition: ContainerDependencyCondition.SUCCESS }],
          });
          t.addContainer("init", { image: nginx });
        },
        /waits for the essential container "init" to succeed/,
      ],
      [
        "two FireLens routers",
        (t) => {
          t.addContainer("a", { image: nginx, firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT } });
          t.addContainer("b", { image: nginx, firelensConfig: { routerType: FirelensLogRouterType.FLUENTD } });
        },
        /containers a, b are all FireLens log routers/,
      ],
      [
        "awsfirelens without a router",
        (t) => t.addContainer("app", { image: nginx, logging: LogDriver.generic({ logDriver: "awsfirelens" }) }),
        /logs with awsfirelens, but no container of the task is a FireLens log router/,
      ],
      [
        "volumes from a container the task lacks",
        (t) => t.addContainer("app", { image: nginx, volumesFrom: [{ sourceContainer: "data" }] }),
        /mounts volumes from "data", which is not another container of the task/,
      ],
      [
        "no essential container",
        (t) => t.addContainer("app", { image: nginx, essential: false }),
        /no container is essential/,
      ],
    ])("%s", (_, add, message) => {
      const stack = testStack();
      add(fargate(stack));
      expect(synthErrors(stack)).toMatch(message);
    });

    test("a proxy container the task lacks", () => {
      const stack = testStack();
      fargate(stack, { proxyConfiguration: { containerName: "envoy", properties: {} } }).addContainer("app", {
        image: nginx,
      });
      expect(synthErrors(stack)).toMatch(/proxyConfiguration names the container "envoy", which the task lacks/);
    });
  });

  test("a task definition of the user's own gets the image, its repositoryCredentials and the grant from one public call", () => {
    const stack = testStack();
    const role = new IamRole(stack, "Exec", { assumeRolePolicy: "{}" });
    const image = ContainerImage.fromRegistry("quay.io/org/app:1", {
      credentials: RegistryCredentials.fromSecretCompleteArn(SECRET_ARN),
    }).bind(stack, role);
    new EcsTaskDefinition(stack, "Mine", {
      family: "mine",
      executionRoleArn: role.arn,
      containerDefinitions: JSON.stringify([
        {
          name: "app",
          image: image.imageName,
          repositoryCredentials: image.repositoryCredentials,
          essential: true,
          memory: 512,
        },
      ]),
    });
    const mine = resourcesOf(stack, "aws_ecs_task_definition")[0];
    expect(JSON.parse(mine.container_definitions)[0].repositoryCredentials).toEqual({
      credentialsParameter: SECRET_ARN,
    });
    expect(decodeDocument(resourcesOf(stack, "aws_iam_role_policy")[0].policy).Statement[0].Resource).toBe(SECRET_ARN);
    expect(resourcesOf(stack, "aws_iam_role_policy")[0].role).toBe(ref(stack, role.name));
  });
});

describe("ecs.TaskDefinition: what ECS refuses of the containers together, at synth", () => {
  test("containers whose cpu adds up to more than the task's", () => {
    const stack = testStack();
    const task = fargate(stack, { cpu: 512, memoryMiB: 1024 });
    task.addContainer("a", { image: nginx, cpu: 256 });
    task.addContainer("b", { image: nginx, cpu: 512, essential: false });
    expect(synthErrors(stack)).toContain(
      "ecs.TaskDefinition test/Task: the containers' cpu adds up to 768, more than the task's 512. Fix: lower the containers' cpu or raise the task's.",
    );
  });

  test("memory reservations adding up to more than the task's memory", () => {
    const stack = testStack();
    const task = fargate(stack, { cpu: 512, memoryMiB: 1024 });
    task.addContainer("a", { image: nginx, memoryReservationMiB: 600 });
    task.addContainer("b", { image: nginx, memoryReservationMiB: 600, essential: false });
    expect(synthErrors(stack)).toContain("the containers reserve 1200 MiB together, more than the task's 1024 MiB");
  });

  test("container definitions over ECS's 64 KiB", () => {
    const stack = testStack();
    const task = fargate(stack);
    task.addContainer("a", { image: nginx, environment: { BIG: "x".repeat(70_000) } });
    expect(synthErrors(stack)).toMatch(
      /the container definitions are \d+ bytes, over the 65536 a task definition may hold/,
    );
  });

  test("sums with a reference in them are left to ECS; within the limits nothing is said", () => {
    const stack = testStack();
    const task = fargate(stack, { cpu: 512, memoryMiB: 1024 });
    task.addContainer("a", { image: nginx, cpu: new TerraformVariable(stack, "cpu", { type: "number" }).numberValue });
    task.addContainer("b", { image: nginx, cpu: 512, memoryReservationMiB: 1024, essential: false });
    expect(synthErrors(stack)).toBe("");
  });
});
