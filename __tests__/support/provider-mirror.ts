import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Finds a local copy of a Terraform provider laid out as a filesystem mirror
 * (`<root>/registry.terraform.io/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>*`).
 *
 * Looked for, in order: `$TF_PROVIDER_MIRROR`, the directories Terraform itself searches for implied local
 * mirrors (`~/.terraform.d/plugins`, `$XDG_DATA_HOME/terraform/plugins`, `/usr/local/share/terraform/plugins`,
 * `/usr/share/terraform/plugins`), and one level below `/opt`, where machine images tend to drop bundles.
 * Returns undefined when there is none: then `terraform init` downloads as it normally would.
 */
export function findProviderMirror(type: string, version: string, namespace = "hashicorp"): string | undefined {
  const holdsProvider = (root: string) => providerBinary(root, type, version, namespace) !== undefined;
  const home = os.homedir();
  const dataHome = process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share");
  const candidates = [
    process.env.TF_PROVIDER_MIRROR,
    path.join(home, ".terraform.d", "plugins"),
    path.join(dataHome, "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    ...safeList("/opt").map((d) => path.join("/opt", d)),
  ];
  return candidates.find((c): c is string => c !== undefined && holdsProvider(c));
}

/** The provider executable inside a mirror `findProviderMirror` returned. */
export function providerBinary(
  mirror: string,
  type: string,
  version: string,
  namespace = "hashicorp",
): string | undefined {
  const dir = path.join(mirror, "registry.terraform.io", namespace, type, version, platformName());
  const file = safeList(dir).find((f) => f.startsWith(`terraform-provider-${type}`));
  return file && path.join(dir, file);
}

/**
 * Writes a Terraform CLI configuration that installs `<namespace>/<type>` from `mirror` and everything else
 * directly, and returns its path (for `TF_CLI_CONFIG_FILE`).
 */
export function writeMirrorCliConfig(dir: string, mirror: string, type: string, namespace = "hashicorp"): string {
  const address = `registry.terraform.io/${namespace}/${type}`;
  const file = path.join(dir, "terraform.rc");
  fs.writeFileSync(
    file,
    [
      "provider_installation {",
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = [${JSON.stringify(address)}]\n  }`,
      `  direct {\n    exclude = [${JSON.stringify(address)}]\n  }`,
      "}",
      "",
    ].join("\n"),
  );
  return file;
}

/** Terraform's name for this platform, e.g. `linux_amd64`. */
function platformName(): string {
  return `${process.platform}_${{ x64: "amd64", arm64: "arm64", ia32: "386" }[process.arch as string] ?? process.arch}`;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
