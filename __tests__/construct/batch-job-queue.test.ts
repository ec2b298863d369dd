import { Testing } from "cdktf";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { batch } from "../../lib";
import { network, quay, ref, testStack } from "../support/stacks";

describe("batch.JobQueue", () => {
  test("orders compute environments", () => {
    const stack = testStack();
    const a = new batch.ComputeEnvironment(stack, "A", { registryCredentials: [quay()], ...network, spot: true });
    const b = new batch.ComputeEnvironment(stack, "B", { registryCredentials: [quay()], ...network });
    new batch.JobQueue(stack, "Queue", {
      computeEnvironments: [a, b, { arn: "arn:aws:batch:eu-west-1:111122223333:compute-environment/other" }],
      priority: 10,
      enabled: false,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BatchJobQueue, {
      name: "test-Queue",
      priority: 10,
      state: "DISABLED",
      compute_environment_order: [
        { order: 0, compute_environment: ref(stack, a.arn) },
        { order: 1, compute_environment: ref(stack, b.arn) },
        { order: 2, compute_environment: "arn:aws:batch:eu-west-1:111122223333:compute-environment/other" },
      ],
    });
  });

  test.each([
    [{ computeEnvironments: [] }, /0 compute environments were given/],
    [{ computeEnvironments: [1, 2, 3, 4].map((i) => ({ arn: `arn:${i}` })) }, /4 compute environments.*at most three/],
    [{ computeEnvironments: [{ arn: "x" }], priority: -1 }, /priority -1/],
    [
      { computeEnvironments: [{ arn: "x" }], priority: 1001 },
      /priority 1001 is out of range\. Fix: give priority as a whole number from 0 to 1000/,
    ],
    [{ computeEnvironments: [{ arn: "x" }], name: "a/b" }, /name "a\/b" is invalid/],
  ])("rejects %#", (props, message) => {
    expect(() => new batch.JobQueue(testStack(), "Q", props)).toThrow(
      new RegExp(`^batch\\.JobQueue test/Q: .*${message.source}`),
    );
  });
});
