import { InstanceRegistryAuth } from "../../lib";
import { quay, testStack } from "../support/stacks";
import { cloudInitSchema, parseMime, parseYaml } from "../support/user-data";

// InstanceRegistryAuth's cloud-config read as cloud-init reads it (its construct tests are in construct/).
const cloudConfigOf = (userData: string) =>
  parseYaml(parseMime(userData).parts.find((p) => p.contentType === "text/cloud-config")!.payload);

describe("InstanceRegistryAuth's user data", () => {
  test("clusterName as a literal: ECS_CLUSTER and the awsvpc IMDS block appended to ecs.config (0600) by cloud-init, which the schema accepts", () => {
    const auth = new InstanceRegistryAuth(testStack(), "Auth", {
      registryCredentials: [quay()],
      clusterName: "apps_prod-1",
    });
    const config = cloudConfigOf(auth.userData);
    expect(config.write_files[0]).toEqual({
      path: "/etc/ecs/ecs.config",
      owner: "root:root",
      permissions: "0600",
      append: true,
      content: "ECS_CLUSTER=apps_prod-1\nECS_AWSVPC_BLOCK_IMDS=true\n",
    });
    // written before runcmd runs the boot script, which keeps other lines of ecs.config
    expect(config.runcmd[0]).toEqual(["/usr/local/sbin/ecs-registry-auth"]);
    const schema = cloudInitSchema(
      parseMime(auth.userData).parts.find((p) => p.contentType === "text/cloud-config")!.payload,
    );
    expect(schema.output).toContain("Valid cloud-config");
  });

  test("without clusterName nothing is written for ECS_CLUSTER (Batch writes its own)", () => {
    const auth = new InstanceRegistryAuth(testStack(), "Auth", { registryCredentials: [quay()] });
    expect(auth.userData).not.toContain("ECS_CLUSTER=");
    expect(cloudConfigOf(auth.userData).write_files.map((f: any) => f.path)).toEqual([
      "/usr/local/sbin/ecs-registry-auth",
    ]);
  });
});
