import { BootRun, HUB, LOCAL, QUAY, runBootScript, shippedScript } from "../support/user-data";

const TRICKY_PASSWORDS = [
  `quote"double'single`,
  "dollar $HOME ${PATH} $(touch /tmp/pwned) `id`",
  "back\\slash\\\\ and \\n not a newline",
  "colon:separated:user:pass",
  "  spaces  around  ",
  "non-ASCII ü ß 日本語 🚀 and U+2028 \u2028 here",
  "percent %{x} %s %d and =equals=",
  "tab\tand\nnewline",
];

function authData(run: BootRun): Record<string, { username: string; password: string; email: string }> {
  const lines = run.ecsConfig!.split("\n").filter((l) => l.startsWith("ECS_ENGINE_AUTH_DATA="));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0].slice("ECS_ENGINE_AUTH_DATA=".length));
}

function expectNoLeak(run: BootRun, secrets: string[]): void {
  const visible = [run.stdout, run.stderr, run.argv].join("\n");
  for (const secret of [...secrets, ...run.imdsTokens]) expect(visible).not.toContain(secret);
}

describe("the boot script, run in a sandbox", () => {
  test.each(TRICKY_PASSWORDS.map((p) => [p]))("writes ecs.config that decodes back to exactly %j", (password) => {
    const secrets = {
      [HUB]: JSON.stringify({ username: "hub-user", password, registry: "docker.io" }),
      [QUAY]: JSON.stringify({ username: "org+robot", password: `${password}-quay` }),
      [LOCAL]: JSON.stringify({ username: "üser name", password: `${password}-local` }),
    };
    const run = runBootScript(shippedScript(), {
      secrets,
      existingEcsConfig: 'ECS_CLUSTER=batch-ce\nECS_ENGINE_AUTH_TYPE=dockercfg\nECS_ENGINE_AUTH_DATA={"stale":{}}\n',
    });
    expect(run.stderr).toMatch(/wrote credentials for 3 registries/);
    expect(run.status).toBe(0);
    expect(run.ecsConfigMode).toBe(0o600);
    const lines = run.ecsConfig!.split("\n");
    expect(lines[0]).toBe("ECS_CLUSTER=batch-ce");
    expect(lines.filter((l) => l.startsWith("ECS_ENGINE_AUTH_TYPE="))).toEqual(["ECS_ENGINE_AUTH_TYPE=docker"]);
    expect(authData(run)).toEqual({
      "https://index.docker.io/v1/": { username: "hub-user", password, email: "" },
      "quay.io": { username: "org+robot", password: `${password}-quay`, email: "" },
      "registry.example.com:5000": { username: "üser name", password: `${password}-local`, email: "" },
    });
    // One line of ASCII JSON: what ecs-init reads verbatim.
    expect(run.ecsConfig!.split("\n").find((l) => l.startsWith("ECS_ENGINE_AUTH_DATA="))).toMatch(/^[\x20-\x7e]+$/);
    expectNoLeak(run, [password]);
    expect(run.imdsRequests).toEqual(["PUT /latest/api/token 200", "GET /latest/meta-data/placement/region 200"]);
  });

  test("creates /etc/ecs/ecs.config when absent", () => {
    const run = runBootScript(shippedScript([{ registry: "ghcr.io", secretArn: QUAY }]), {
      secrets: { [QUAY]: JSON.stringify({ username: "u", password: "p" }) },
    });
    expect(run.status).toBe(0);
    expect(run.ecsConfig).toBe(
      'ECS_ENGINE_AUTH_TYPE=docker\nECS_ENGINE_AUTH_DATA={"ghcr.io":{"email":"","password":"p","username":"u"}}\n',
    );
    expect(run.ecsConfigMode).toBe(0o600);
  });

  test("reads a secret from the region in its ARN, not the instance's", () => {
    const elsewhere = "arn:aws:secretsmanager:us-west-2:111122223333:secret:registry/ghcr-Ww0000";
    const run = runBootScript(shippedScript([{ registry: "ghcr.io", secretArn: elsewhere }]), {
      secrets: { [elsewhere]: JSON.stringify({ username: "u", password: "p" }) },
      region: "eu-west-1",
    });
    expect(run.stderr).toMatch(/wrote credentials for 1 registry/);
    expect(run.status).toBe(0);
    expect(run.argv).toContain('"--region", "us-west-2"');
  });

  test("restarts the ECS agent only when it is already running, without blocking", () => {
    const secrets = { [QUAY]: JSON.stringify({ username: "u", password: "p" }) };
    const script = shippedScript([{ registry: "quay.io", secretArn: QUAY }]);
    expect(runBootScript(script, { secrets }).systemctl).toEqual(["systemctl is-active --quiet ecs"]);
    const running = runBootScript(script, { secrets, ecsRunning: true });
    expect(running.status).toBe(0);
    expect(running.systemctl).toEqual(["systemctl is-active --quiet ecs", "systemctl try-restart --no-block ecs"]);
  });

  test("retries with backoff while Secrets Manager is unreachable, then succeeds", () => {
    const run = runBootScript(shippedScript(), {
      secrets: Object.fromEntries(
        [HUB, QUAY, LOCAL].map((arn) => [arn, JSON.stringify({ username: "u", password: "p" })]),
      ),
      awsFailures: 4,
    });
    expect(run.status).toBe(0);
    expect(run.sleeps).toEqual([2, 4, 8, 16]);
    expect(run.stderr).toMatch(/failed \(attempt 1 of 8\), retrying in 2s/);
  });

  test("a missing secret fails fast and clearly, leaving ecs.config untouched", () => {
    const before = "ECS_CLUSTER=batch-ce\n";
    const run = runBootScript(shippedScript(), {
      secrets: { [HUB]: JSON.stringify({ username: "u", password: "p4ss" }) },
      existingEcsConfig: before,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`secret ${QUAY} does not exist in eu-west-1`);
    expect(run.stderr).toMatch(/ERROR: no credentials for registry quay.io/);
    expect(run.sleeps).toEqual([]);
    expect(run.ecsConfig).toBe(before);
    expectNoLeak(run, ["p4ss"]);
  });

  test.each([
    ["not JSON at all: s3cr3t-value", /the secret for quay.io is not a JSON object/],
    [JSON.stringify({ username: "u" }), /the secret for quay.io has no non-empty string "password"/],
    [JSON.stringify({ user: "u", password: "s3cr3t-value" }), /has no non-empty string "username"/],
    [JSON.stringify(["s3cr3t-value"]), /is not a JSON object/],
    [null, /is not a JSON object/],
    [
      JSON.stringify({ username: "org:robot", password: "s3cr3t-value" }),
      /has a "username" with a colon or a control character/,
    ],
    [
      JSON.stringify({ username: "robot\u0007", password: "s3cr3t-value" }),
      /has a "username" with a colon or a control character/,
    ],
  ])("a malformed secret (%s) fails without echoing it", (secretString, message) => {
    const run = runBootScript(shippedScript([{ registry: "quay.io", secretArn: QUAY }]), {
      secrets: { [QUAY]: secretString },
      existingEcsConfig: "ECS_CLUSTER=x\n",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/nothing was written/);
    expect(run.ecsConfig).toBe("ECS_CLUSTER=x\n");
    expectNoLeak(run, ["s3cr3t-value"]);
  });
});

describe("the boot script run again, as the refresh timer does", () => {
  const script = shippedScript([{ registry: "quay.io", secretArn: QUAY }]);
  const first = (password: string) =>
    runBootScript(script, {
      secrets: { [QUAY]: JSON.stringify({ username: "u", password }) },
      existingEcsConfig: "ECS_CLUSTER=batch\n",
    });

  test("with unchanged secrets, neither rewrites ecs.config nor restarts the agent", () => {
    const before = first("p1").ecsConfig!;
    const again = runBootScript(script, {
      secrets: { [QUAY]: JSON.stringify({ username: "u", password: "p1" }) },
      existingEcsConfig: before,
      ecsRunning: true,
    });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/credentials for 1 registry unchanged; .* and the ECS agent left alone/);
    expect(again.ecsConfig).toBe(before);
    expect(again.systemctl).toEqual([]);
  });

  test("with a rotated secret, rewrites the credentials and restarts the running agent", () => {
    const before = first("p1").ecsConfig!;
    const again = runBootScript(script, {
      secrets: { [QUAY]: JSON.stringify({ username: "u", password: "p2-rotated" }) },
      existingEcsConfig: before,
      ecsRunning: true,
    });
    expect(again.status).toBe(0);
    expect(again.ecsConfig).toBe(
      'ECS_CLUSTER=batch\nECS_ENGINE_AUTH_TYPE=docker\nECS_ENGINE_AUTH_DATA={"quay.io":{"email":"","password":"p2-rotated","username":"u"}}\n',
    );
    expect(again.systemctl).toEqual(["systemctl is-active --quiet ecs", "systemctl try-restart --no-block ecs"]);
    expect([again.stdout, again.stderr, again.argv].join("\n")).not.toContain("p2-rotated");
  });
});
