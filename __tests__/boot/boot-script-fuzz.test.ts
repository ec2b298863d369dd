import { BootRun, runBootScript, shippedScript } from "../support/user-data";

// Generated credentials through the real boot script in its sandbox: every one must come out of ecs.config, read
// as ecs-init reads it (the line after the first "=", verbatim), exactly as it went into Secrets Manager.
const RUNS = 10;
const REGISTRIES_PER_RUN = 20;

/** A small deterministic generator (mulberry32), so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", // every printable ASCII punctuation: JSON- and shell-hostile
  "\t\n\r\b\f\u0001\u001f\u007f", // control characters
  "äöüßéèçñåøÆŒ", // Latin-1 and beyond
  "日本語中文한국어", // CJK
  "\u2028\u2029\u200b\ufeff", // separators and zero-width characters
  "🚀🔑🐳", // outside the BMP (surrogate pairs in JSON)
];
const HOSTILE = [
  "$(touch /tmp/fuzz-pwned)",
  "`id`",
  "'; rm -rf / ;'",
  "${HOME}",
  "%{x}",
  "\\u0000",
  '"},"x":{"',
  "=",
  "\n#comment\nECS_CLUSTER=evil",
];

/** `text` with what a registry user name cannot hold (":" and control characters) replaced by "_". */
function signInName(text: string): string {
  return [...text].map((c) => (c === ":" || c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? "_" : c)).join("");
}

function credential(next: () => number, maxLength: number): string {
  const length = 1 + Math.floor(next() * maxLength);
  let text = "";
  while (text.length < length) {
    if (next() < 0.1) text += HOSTILE[Math.floor(next() * HOSTILE.length)];
    const alphabet = ALPHABETS[Math.floor(next() * ALPHABETS.length)];
    text += [...alphabet][Math.floor(next() * [...alphabet].length)];
  }
  return text;
}

function authData(run: BootRun): Record<string, { username: string; password: string; email: string }> {
  const lines = run.ecsConfig!.split("\n").filter((l) => l.startsWith("ECS_ENGINE_AUTH_DATA="));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0].slice(lines[0].indexOf("=") + 1));
}

describe(`${RUNS * REGISTRIES_PER_RUN} generated credentials across ${REGISTRIES_PER_RUN} registries per boot`, () => {
  test.each(Array.from({ length: RUNS }, (_, i) => [i]))(
    "seed %i round-trips byte for byte through ecs.config",
    (seed) => {
      const next = random(seed + 1);
      const registries = Array.from({ length: REGISTRIES_PER_RUN }, (_, i) => ({
        registry: `registry-${i}.example.com`,
        secretArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:fuzz/${seed}/${i}-Ab${String(i).padStart(4, "0")}`,
      }));
      // Every fifth run holds long values, up to 1,024 characters (up to 12 bytes each once escaped) that together stay
      // under the agent's 128 KiB line; longer ones are the next block's concern.
      const maxLength = seed % 5 === 4 ? 1024 : 64;
      const expected = Object.fromEntries(
        registries.map((r) => [
          r.registry,
          // A user name is as hostile as a password but for ":" and control characters, which the script refuses
          // (boot-script.test.ts): registry sign-in cannot carry them.
          {
            username: signInName(credential(next, 32)),
            password: credential(next, maxLength),
            email: "",
          },
        ]),
      );
      const secrets = Object.fromEntries(
        registries.map((r) => [
          r.secretArn,
          JSON.stringify({ username: expected[r.registry].username, password: expected[r.registry].password }),
        ]),
      );
      const run = runBootScript(shippedScript(registries), { secrets, existingEcsConfig: "ECS_CLUSTER=fuzz\n" });
      expect(run.stderr).toContain(`wrote credentials for ${REGISTRIES_PER_RUN} registries`);
      expect(run.status).toBe(0);
      const lines = run.ecsConfig!.split("\n");
      expect(lines.filter((l) => l !== "")).toHaveLength(3); // ECS_CLUSTER, the auth type, one auth data line
      expect(lines[0]).toBe("ECS_CLUSTER=fuzz");
      expect(authData(run)).toEqual(expected);
      const visible = [run.stdout, run.stderr, run.argv].join("\n");
      for (const { password } of Object.values(expected))
        if (password.length >= 8) expect(visible).not.toContain(password);
    },
  );
});

describe("an auth line longer than the ECS agent can take", () => {
  const ARN_A = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:big/a-AbC123";
  const ARN_B = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:big/b-AbC123";
  const registries = [
    { registry: "a.example.com", secretArn: ARN_A },
    { registry: "b.example.com", secretArn: ARN_B },
  ];

  test.each([
    ["two 64 KiB secrets", "x".repeat(65536), "y".repeat(65536)],
    ["CJK text, six bytes per character once escaped", "語".repeat(25000), "短"],
  ])("%s: reported, not written", (_, a, b) => {
    const run = runBootScript(shippedScript(registries), {
      secrets: {
        [ARN_A]: JSON.stringify({ username: "u", password: a }),
        [ARN_B]: JSON.stringify({ username: "u", password: b }),
      },
      existingEcsConfig: "ECS_CLUSTER=big\n",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/more than the ECS agent can take in one environment variable \(131072 bytes\)/);
    expect(run.ecsConfig).toBe("ECS_CLUSTER=big\n");
    expect(run.stderr).not.toContain("xxxxxxxx");
  });

  test("just under the limit is written (control)", () => {
    const run = runBootScript(shippedScript(registries), {
      secrets: {
        [ARN_A]: JSON.stringify({ username: "u", password: "x".repeat(60000) }),
        [ARN_B]: JSON.stringify({ username: "u", password: "y".repeat(60000) }),
      },
    });
    expect(run.status).toBe(0);
    expect(Object.keys(authData(run))).toEqual(["a.example.com", "b.example.com"]);
  });
});
