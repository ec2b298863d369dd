import { App } from "cdktf";
import { BatchExampleStack } from "./examples/batch-stack";
import { EcsEc2ExampleStack } from "./examples/ecs-ec2-stack";
import { EcsExampleStack } from "./examples/ecs-stack";
import { ProductionExampleStack } from "./examples/production-stack";
import { PullThroughExampleStack } from "./examples/pull-through-stack";
import { SharedSecretStack, SharedSecretWorkloadStack } from "./examples/shared-secret-stacks";

const app = new App();
new EcsExampleStack(app, "ecs-private-registry");
new BatchExampleStack(app, "batch-private-registry");
new EcsEc2ExampleStack(app, "ecs-ec2-private-registry");
new PullThroughExampleStack(app, "pull-through-cache");
new ProductionExampleStack(app, "production");
const shared = new SharedSecretStack(app, "shared-registry-secret");
new SharedSecretWorkloadStack(app, "shared-registry-workload", { credentials: shared.dockerHub.credentials });
app.synth();
