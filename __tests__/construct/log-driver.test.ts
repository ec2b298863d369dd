import { Construct } from "constructs";
import { ContainerImage, FirelensLogRouterType, LogDriver, LogDriverConfig, batch, ecs } from "../../lib";
import { decodeDocument } from "../support/documents";
import { REGION_ATTRIBUTE } from "../support/line";
import { ref, resourcesOf, testStack } from "../support/stacks";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";

describe("LogDriver", () => {
  test("awsLogs defaults the region to the provider's, through one shared data source", () => {
    const stack = testStack();
    const config = LogDriver.awsLogs({ logGroupName: "/g", streamPrefix: "p" }).bind(stack);
    const region = stack.node.findAll().find((c) => c instanceof DataAwsRegion) as DataAwsRegion;
    expect(config).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": "/g", "awslogs-region": expect.any(String), "awslogs-stream-prefix": "p" },
    });
    expect(ref(stack, config.options!["awslogs-region"])).toBe(
      `${"$"}{data.aws_region.${region.node.id}.${REGION_ATTRIBUTE}}`,
    );
    expect(
      LogDriver.awsLogs({ logGroupName: "/g", streamPrefix: "p", region: "us-west-2" }).bind(stack).options![
        "awslogs-region"
      ],
    ).toBe("us-west-2");
  });

  test("generic expresses FireLens, Splunk or json-file, in ECS and Batch alike", () => {
    const stack = testStack();
    const firelens = LogDriver.generic({ logDriver: "awsfirelens", options: { Name: "cloudwatch" } });
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("router", {
      image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
      firelensConfig: { routerType: FirelensLogRouterType.FLUENTBIT },
    });
    task.addContainer("app", { image: ContainerImage.fromRegistry("nginx"), logging: firelens });
    new batch.JobDefinition(stack, "Job", {
      platform: batch.Platform.EC2,
      image: ContainerImage.fromRegistry("nginx"),
      logging: LogDriver.generic({ logDriver: "json-file" }),
    });
    expect(
      decodeDocument(resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions)[1].logConfiguration,
    ).toEqual({ logDriver: "awsfirelens", options: { Name: "cloudwatch" } });
    expect(
      decodeDocument(resourcesOf(stack, "aws_batch_job_definition")[0].container_properties).logConfiguration,
    ).toEqual({ logDriver: "json-file" });
  });

  test("a driver of the user's own is bound with the construct its container belongs to", () => {
    const scopes: string[] = [];
    class Tagged extends LogDriver {
      public bind(scope: Construct): LogDriverConfig {
        scopes.push(scope.node.path);
        return { logDriver: "splunk", options: { tag: scope.node.id } };
      }
    }
    const stack = testStack();
    const task = new ecs.TaskDefinition(stack, "Task", { family: "app", compatibility: ecs.Compatibility.FARGATE });
    task.addContainer("app", { image: ContainerImage.fromRegistry("nginx"), logging: new Tagged() });
    expect(scopes).toEqual(["test/Task"]);
    expect(
      decodeDocument(resourcesOf(stack, "aws_ecs_task_definition")[0].container_definitions)[0].logConfiguration
        .options,
    ).toEqual({ tag: "Task" });
  });
});
