import { App } from "cdktf";
import { EcsExampleStack } from "./examples/ecs-stack";

const app = new App();
new EcsExampleStack(app, "ecs-private-registry");
app.synth();
