import { App } from "cdktf";
import { BatchExampleStack } from "./examples/batch-stack";
import { EcsExampleStack } from "./examples/ecs-stack";
import { ProductionExampleStack } from "./examples/production-stack";
import { PullThroughExampleStack } from "./examples/pull-through-stack";

const app = new App();
new EcsExampleStack(app, "ecs-private-registry");
new BatchExampleStack(app, "batch-private-registry");
new PullThroughExampleStack(app, "pull-through-cache");
new ProductionExampleStack(app, "production");
app.synth();
