import { ImageReference } from "../../lib/private/image-reference";
import { DOCKER_HUB_AUTH_KEY } from "../../lib/private/registry-host";

describe("ImageReference.parse", () => {
  test.each([
    ["nginx", undefined, "library/nginx", undefined, undefined],
    ["nginx:1.27", undefined, "library/nginx", "1.27", undefined],
    ["myorg/app:v1", undefined, "myorg/app", "v1", undefined],
    ["docker.io/nginx", "docker.io", "library/nginx", undefined, undefined],
    ["quay.io/org/team/app:2.0-rc_1", "quay.io", "org/team/app", "2.0-rc_1", undefined],
    ["localhost/app", "localhost", "app", undefined, undefined],
    ["registry.example.com:5000/a__b/c-d.e:latest", "registry.example.com:5000", "a__b/c-d.e", "latest", undefined],
    ["Registry.example.com/app", "Registry.example.com", "app", undefined, undefined],
    ["[::1]:5000/app", "[::1]:5000", "app", undefined, undefined],
    [`ghcr.io/o/a@sha256:${"a".repeat(64)}`, "ghcr.io", "o/a", undefined, `sha256:${"a".repeat(64)}`],
    [`app:1@sha256:${"0".repeat(64)}`, undefined, "library/app", "1", `sha256:${"0".repeat(64)}`],
  ])("%s", (input, registry, repository, tag, digest) => {
    const ref = ImageReference.parse(input);
    expect([ref.registryHost, ref.repository, ref.tag, ref.digest]).toEqual([registry, repository, tag, digest]);
    expect(ref.imageName).toBe(input);
  });

  test.each([
    ["MyOrg/app", /"MyOrg" has capitals.*lowercase/],
    ["myorg/App", /"App" is invalid.*lowercase/],
    ["app:", /"" is not a valid tag/],
    ["app:-x", /"-x" is not a valid tag/],
    [`app:${"t".repeat(129)}`, /not a valid tag/],
    ["app@sha256:xyz", /"sha256:xyz" is not a digest registries serve/],
    [`app@md5:${"a".repeat(32)}`, /is not a digest registries serve/],
    [`app@sha256:${"a".repeat(40)}`, /is not a digest registries serve/],
    [`app@sha256:${"A".repeat(64)}`, /is not a digest registries serve/],
    ["registry.example.com:0/app", /is not a registry host|registry/],
    ["registry.example.com:99999/app", /is not a registry host|registry/],
    ["-bad.example.com/app", /not a valid registry host/],
    ["quay.io/", /repository path component "" is invalid/],
    ["a//b", /repository path component "" is invalid/],
    ["app_/x", /"app_" is invalid/],
    [" app", /whitespace/],
    ["", /empty/],
    [`x/${"a".repeat(300)}`, /characters long/],
  ])("rejects %s", (input, message) => {
    expect(() => ImageReference.parse(input)).toThrow(message);
  });

  test("errors quote the call and say how to fix it", () => {
    expect(() => ImageReference.parse("Org/App:1")).toThrow(
      /^ContainerImage\.fromRegistry\("Org\/App:1"\): .* Fix: .+\.$/,
    );
  });

  test("auth keys follow the ECS agent: Docker Hub's index URL, otherwise the host", () => {
    expect(ImageReference.parse("myorg/app").authKey).toBe(DOCKER_HUB_AUTH_KEY);
    expect(ImageReference.parse("index.docker.io/myorg/app").authKey).toBe("https://index.docker.io/v1/");
    expect(ImageReference.parse("registry.example.com:5000/app").authKey).toBe("registry.example.com:5000");
  });

  test("recognises ECR hosts", () => {
    expect(ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1").isEcr).toBe(true);
    expect(ImageReference.parse("public.ecr.aws/docker/library/busybox").isEcr).toBe(false);
    // ECR's dual-stack hosts are ECR too: their images pull with IAM, never with registry credentials.
    expect(ImageReference.parse("123456789012.dkr-ecr.eu-west-1.on.aws/app:1").isEcr).toBe(true);
    expect(ImageReference.parse("123456789012.dkr-ecr-fips.us-east-1.on.aws/app:1").isEcr).toBe(true);
    expect(ImageReference.parse(`app@sha512:${"b".repeat(128)}`).digest).toBe(`sha512:${"b".repeat(128)}`);
  });
});
