import { TerraformVariable } from "cdktf";
import { failFor } from "../../lib/private/fail";
import {
  authKeyForHost,
  checkRegistryHost,
  DOCKER_HUB_AUTH_KEY,
  isRegistryHost,
} from "../../lib/private/registry-host";
import { testStack } from "../support/stacks";

describe("registry hosts", () => {
  test.each([
    "docker.io",
    "quay.io",
    "registry.example.com:5000",
    "localhost:5000",
    "[::1]:5000",
    "10.0.0.1",
    "my-registry",
  ])("%s is a host", (host) => {
    expect(isRegistryHost(host)).toBe(true);
  });

  test.each([
    "registry.example.com:0",
    "registry.example.com:65536",
    "registry.example.com:99999",
    "https://quay.io",
    "quay.io/org",
    "-quay.io",
    "quay-.io",
    "quay..io",
    "",
    "quay.io:",
    "quay io",
  ])("%p is not", (host) => {
    expect(isRegistryHost(host)).toBe(false);
  });

  test("checkRegistryHost refuses what is not a host, and capitals, which the ECS agent would never match", () => {
    const fail = failFor("Thing x");
    expect(() => checkRegistryHost(fail, "registry", "https://quay.io")).toThrow(
      'Thing x: registry "https://quay.io" is not a registry host. Fix:',
    );
    expect(() => checkRegistryHost(fail, "registry", "Quay.io")).toThrow(
      'Fix: write it in lowercase, "quay.io", as image references do.',
    );
    expect(() =>
      checkRegistryHost(fail, "registry", new TerraformVariable(testStack(), "h", { type: "string" }).stringValue),
    ).not.toThrow();
  });

  test("Docker Hub's names share the index URL as the agent's key; other hosts are their own key", () => {
    for (const host of [undefined, "docker.io", "index.docker.io", "registry-1.docker.io"])
      expect(authKeyForHost(host)).toBe(DOCKER_HUB_AUTH_KEY);
    expect(authKeyForHost("quay.io")).toBe("quay.io");
    expect(authKeyForHost("registry.example.com:5000")).toBe("registry.example.com:5000");
  });
});
