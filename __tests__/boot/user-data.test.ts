import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { failFor } from "../../lib/private/fail";
import {
  BOOT_SCRIPT_PATH,
  MIME_BOUNDARY,
  renderCloudConfig,
  renderUserData,
  UserDataRequest,
} from "../../lib/private/user-data";
import {
  cloudInitSchema,
  HUB,
  LOCAL,
  parseMime,
  parseYaml,
  QUAY,
  REGISTRIES,
  shellcheck,
  shippedScript,
} from "../support/user-data";

/**
 * The renderer every fleet's user data goes through (private/instance-auth.ts), with the props' names as a caller
 * gives them.
 */
const render = (request: Partial<UserDataRequest>) =>
  renderUserData(failFor("renderer"), {
    registries: REGISTRIES,
    registriesProp: "registryCredentials",
    partsProp: "userDataParts",
    ...request,
  });

describe("the user data", () => {
  test("is MIME multipart with a custom boundary, a cloud-config part and the user's parts first", () => {
    const text = render({
      extraParts: [
        {
          contentType: "text/x-shellscript",
          content: "#!/bin/bash\necho ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config\n",
        },
      ],
    });
    const mime = parseMime(text);
    expect(mime.contentType).toBe("multipart/mixed");
    expect(mime.boundary).toBe(MIME_BOUNDARY);
    expect(mime.boundary).not.toBe("==BOUNDARY==");
    expect(mime.parts.map((p) => p.contentType)).toEqual(["text/x-shellscript", "text/cloud-config"]);
    expect(mime.parts[0].payload).toContain("ECS_ENABLE_SPOT_INSTANCE_DRAINING");
    expect(mime.parts[1].headers["Merge-Type"]).toBe("list(append)+dict(no_replace,recurse_list)+str()");
    const config = parseYaml(mime.parts[1].payload);
    expect(config.write_files).toEqual([
      { path: BOOT_SCRIPT_PATH, owner: "root:root", permissions: "0700", content: expect.any(String) },
    ]);
    expect(config.runcmd).toEqual([[BOOT_SCRIPT_PATH]]);
  });

  test("the cloud-config passes Debian's cloud-init schema validator", () => {
    const result = cloudInitSchema(
      renderCloudConfig(failFor("test"), {
        registries: REGISTRIES,
        registriesProp: "registries",
        partsProp: "extraParts",
      }),
    );
    expect(result.output).toContain("Valid cloud-config");
    expect(result.status).toBe(0);
  });

  test("the validator does reject a broken cloud-config (control)", () => {
    expect(cloudInitSchema("#cloud-config\nruncmd: 5\nwrite_files: nope\n").status).not.toBe(0);
  });

  test("the shipped boot script and its source asset pass shellcheck", () => {
    const asset = fs.readFileSync(path.join(__dirname, "..", "..", "lib", "assets", "ecs-registry-auth.sh"), "utf8");
    for (const script of [shippedScript(), asset]) {
      const result = shellcheck(script);
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    }
    expect(shellcheck("#!/bin/bash\necho $1\n").status).not.toBe(0); // control: shellcheck does find problems
  });

  test("the script never traces, and uses IMDSv2 only", () => {
    const script = shippedScript();
    const commands = script
      .split("\n")
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    expect(commands).not.toMatch(/set -[a-z]*x|set -o xtrace|docker login|169\.254\.169\.254\/latest\/meta-data/);
    expect(script).toContain("X-aws-ec2-metadata-token-ttl-seconds");
    expect(script).toContain(`'https://index.docker.io/v1/ ${HUB}'`);
    expect(script).toContain(`'registry.example.com:5000 ${LOCAL}'`);
  });

  test.each([
    [[], /registryCredentials is empty/],
    [
      [
        { registry: "quay.io", secretArn: QUAY },
        { registry: "quay.io", secretArn: HUB },
      ],
      /registryCredentials\[1\] registry "quay.io" is listed twice/,
    ],
    [
      [
        { registry: "docker.io", secretArn: HUB },
        { registry: "index.docker.io", secretArn: QUAY },
      ],
      /listed twice/,
    ],
    [
      [{ registry: "https://quay.io", secretArn: QUAY }],
      /registryCredentials\[0\] registry "https:\/\/quay.io" is not a registry host/,
    ],
    [[{ registry: "quay.io", secretArn: "arn:aws:x' ; rm -rf /" }], /characters an ARN cannot have/],
  ])("rejects bad registries %#", (registries, message) => {
    expect(() => render({ registries })).toThrow(new RegExp(`^renderer: .*${message.source}`));
  });

  test("rejects an extra part that contains the boundary", () => {
    expect(() =>
      render({ extraParts: [{ contentType: "text/x-shellscript", content: `echo ${MIME_BOUNDARY}` }] }),
    ).toThrow(/^renderer: userDataParts\[0\] contains the MIME boundary/);
  });
});

describe("limits and references", () => {
  test("user data over EC2's 16 KB is refused at synth, naming the prop the user wrote", () => {
    const big = { contentType: "text/x-shellscript", content: `#!/bin/bash\n# ${"x".repeat(16 * 1024)}\n` };
    expect(() => render({ extraParts: [big] })).toThrow(
      /^renderer: the user data would be \d+ bytes, over EC2's limit of 16384\. Fix: shrink userDataParts/,
    );
    const fits = { contentType: "text/x-shellscript", content: `#!/bin/bash\n# ${"x".repeat(4 * 1024)}\n` };
    expect(() => render({ extraParts: [fits] })).not.toThrow();
  });

  test("a secret ARN that is a Terraform reference enters the script base64-encoded by Terraform, never pasted", () => {
    const text = render({ registries: [{ registry: "quay.io", secretArn: "${TfToken[TOKEN.99]}" }] });
    expect(text).toMatch(/'quay\.io b64:\$\{TfToken\[TOKEN\.\d+\]\}'/);
    expect(text).not.toContain("'quay.io ${TfToken[TOKEN.99]}'");
  });
});

describe("the opt-in credential refresh", () => {
  const render = (refreshMinutes?: number) =>
    renderCloudConfig(failFor("test"), {
      registries: REGISTRIES,
      registriesProp: "registries",
      partsProp: "extraParts",
      refreshMinutes,
      refreshProp: "refreshCredentialsMinutes",
    });

  test("installs a oneshot service and a jittered timer that re-run the boot script, and enables the timer", () => {
    const text = render(60);
    const config = parseYaml(text);
    expect(config.write_files.map((f: any) => [f.path, f.permissions])).toEqual([
      [BOOT_SCRIPT_PATH, "0700"],
      ["/etc/systemd/system/ecs-registry-auth-refresh.service", "0644"],
      ["/etc/systemd/system/ecs-registry-auth-refresh.timer", "0644"],
    ]);
    expect(config.write_files[1].content).toContain(`ExecStart=${BOOT_SCRIPT_PATH}\n`);
    expect(config.write_files[1].content).toContain("Type=oneshot\n");
    expect(config.write_files[2].content).toMatch(
      /OnBootSec=60min\nOnUnitActiveSec=60min\nRandomizedDelaySec=720s\n[^]*WantedBy=timers.target/,
    );
    expect(config.runcmd).toEqual([
      [BOOT_SCRIPT_PATH],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", "ecs-registry-auth-refresh.timer"],
    ]);
    const schema = cloudInitSchema(text);
    expect(schema.output).toContain("Valid cloud-config");
    expect(schema.status).toBe(0);
  });

  test("its units pass systemd-analyze verify (control: a misspelt key fails it)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "units-"));
    try {
      const files = parseYaml(render(60))
        .write_files.slice(1)
        .map((f: any) => {
          const file = path.join(dir, path.basename(f.path));
          // verify checks that ExecStart exists; the boot script lives only on instances, so stand in a binary.
          fs.writeFileSync(file, f.content.replace(BOOT_SCRIPT_PATH, "/bin/true"));
          return file;
        });
      const verify = spawnSync("systemd-analyze", ["verify", ...files], { encoding: "utf8" });
      expect(verify.stderr).toBe("");
      expect(verify.status).toBe(0);
      fs.writeFileSync(
        files[1],
        fs
          .readFileSync(files[1], "utf8")
          .replace("OnUnitActiveSec", "OnUnitActiveSecc")
          .replace("OnBootSec", "OnBootSecc"),
      );
      expect(spawnSync("systemd-analyze", ["verify", ...files], { encoding: "utf8" }).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("is off unless asked for", () => {
    expect(parseYaml(render()).write_files).toHaveLength(1);
  });

  test.each([[4], [1441], [30.5]])("refuses %p minutes, naming the prop", (minutes) => {
    expect(() => render(minutes)).toThrow(
      new RegExp(
        `^test: refreshCredentialsMinutes ${minutes} is (?:out of range|not a whole number)\\. Fix: give refreshCredentialsMinutes as a whole number from 5 to 1440`,
      ),
    );
  });
});
