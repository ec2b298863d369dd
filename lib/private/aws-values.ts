import { Fn, Token } from "cdktf";
import { Fail } from "./fail";
import { checkAtPlan } from "./plan-checks";

// Shapes and limits AWS enforces only at deploy or run time, checked at synth instead. Terraform references pass.

/**
 * At most 50 tags; keys 1-128 and values up to 256 characters of the tag alphabet; `aws:` keys are AWS's own.
 */
export function checkTags(fail: Fail, tags: { [key: string]: string } | undefined): void {
  if (tags === undefined || Token.isUnresolved(tags)) return;
  const keys = Object.keys(tags);
  if (keys.length > 50) throw fail(`tags has ${keys.length} keys`, "keep to 50 tags, AWS's limit per resource");
  for (const key of keys) {
    if (Token.isUnresolved(key)) continue;
    if (key.length < 1 || key.length > 128)
      throw fail(`tag key "${key}" is ${key.length} characters long`, "use 1-128 characters");
    if (key.toLowerCase().startsWith("aws:"))
      throw fail(`tag key "${key}" uses the prefix aws:, which AWS reserves`, "choose another key");
    if (!TAG_TEXT.test(key)) throw fail(`tag key ${JSON.stringify(key)} has a character AWS tags refuse`, TAG_FIX);
    const value = tags[key];
    if (Token.isUnresolved(value)) continue;
    if (value.length > 256)
      throw fail(`tag "${key}" has a value of ${value.length} characters`, "keep tag values within 256 characters");
    if (!TAG_TEXT.test(value)) throw fail(`tag "${key}" has a value with a character AWS tags refuse`, TAG_FIX);
  }
}

// The characters IAM's and ECS's tagging APIs take in keys and values (their TagKey and TagValue patterns in AWS's
// API models), the strictest of the services our tags reach: letters, digits, spaces and _ . : / = + - @. So a `${`
// never reaches Terraform as a tag.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_FIX = "use letters, digits, spaces and _ . : / = + - @ only";

/** The region an ARN names: read from a literal, or worked out by Terraform from a reference. */
export function arnRegion(arn: string): string {
  return Token.isUnresolved(arn) ? Fn.element(Fn.split(":", arn), 3) : arn.split(":")[3];
}

const RESOURCE_ID = (prefix: string) => new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`);

/** EC2 resource ids of one kind (`subnet`, `sg`), as a literal list or a reference. */
export function checkResourceIds(fail: Fail, prop: string, ids: string[], prefix: string): void {
  if (Token.isUnresolved(ids)) return;
  ids.forEach((id, i) => {
    if (!Token.isUnresolved(id) && !RESOURCE_ID(prefix).test(id)) {
      throw fail(
        `${prop}[${i}] "${id}" is not a ${prefix}- id`,
        `pass ids such as ${prefix}-0123456789abcdef0 (or a Terraform reference)`,
      );
    }
  });
}

/** An AMI id. */
export function checkAmiId(fail: Fail, prop: string, id: string): void {
  if (!Token.isUnresolved(id) && !RESOURCE_ID("ami").test(id))
    throw fail(`${prop} "${id}" is not an AMI id`, "pass an id such as ami-0123456789abcdef0");
}

const INSTANCE_TYPE = /^(?:optimal|default_x86_64|default_arm64|[a-z][a-z0-9-]*[0-9][a-z0-9-]*(?:\.[a-z0-9-]+)?)$/;

/** Instance types or families as Batch takes them: `optimal`, `c6i`, `m6i.large`. */
export function checkInstanceTypes(fail: Fail, prop: string, types: string[]): void {
  if (Token.isUnresolved(types)) return;
  if (types.length === 0)
    throw fail(`${prop} is empty`, 'leave it unset for ["optimal"], or name instance types or families');
  types.forEach((type, i) => {
    if (!Token.isUnresolved(type) && !INSTANCE_TYPE.test(type)) {
      throw fail(
        `${prop}[${i}] "${type}" is not an instance type or family`,
        "use names such as optimal, c6i or m6i.large",
      );
    }
  });
}

// EC2 instance type names: a family (letters, with a generation digit) and a size, e.g. t3.medium, m7g.large.
const EC2_INSTANCE_TYPE = /^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9-]+$/;

/** The subnets a fleet launches in: subnet ids, and at least one when the list is a literal. */
export function checkSubnetIds(fail: Fail, ids: string[]): void {
  if (!Token.isUnresolved(ids) && ids.length === 0)
    throw fail("subnetIds is empty", "pass the subnets instances may launch in");
  checkResourceIds(fail, "subnetIds", ids, "subnet");
}

/** The security groups of a fleet or a Fargate job: group ids, and at least one when the list is a literal. */
export function checkSecurityGroupIds(fail: Fail, ids: string[]): void {
  if (!Token.isUnresolved(ids) && ids.length === 0)
    throw fail("securityGroupIds is empty", "pass the security groups instances get, at least one");
  checkResourceIds(fail, "securityGroupIds", ids, "sg");
}

/** One EC2 instance type, as a launch template takes it: a family and a size, not a family alone. */
export function checkInstanceType(fail: Fail, prop: string, type: string): void {
  if (!Token.isUnresolved(type) && !EC2_INSTANCE_TYPE.test(type)) {
    throw fail(
      `${prop} "${type}" is not an EC2 instance type`,
      "use a family and a size, such as t3.medium or m7g.large",
    );
  }
}

/** Environment variable names: not empty, no `=` (it would end the name) and no whitespace. */
export function checkEnvironment(fail: Fail, prop: string, environment: { [name: string]: string } | undefined): void {
  if (environment === undefined || Token.isUnresolved(environment)) return;
  for (const name of Object.keys(environment)) {
    if (!Token.isUnresolved(name) && (name === "" || /[=\s]/.test(name))) {
      throw fail(
        `${prop} has the variable name ${JSON.stringify(name)}`,
        "use names without '=' or whitespace, such as LOG_LEVEL",
      );
    }
  }
}

/**
 * A user name that registries accept: not blank, no surrounding whitespace, no control character (a line break
 * included), no ":" (HTTP basic authentication, which registries sign in with, ends the user name at the first one),
 * and within Secrets Manager's 65,536 bytes per secret value.
 */
export function checkUsername(fail: Fail, prop: string, username: string): void {
  if (Token.isUnresolved(username)) return;
  const fix = 'pass the registry user name exactly, e.g. "org+robot"';
  if (username.trim() === "" || username.trim() !== username) {
    throw fail(`${prop} ${JSON.stringify(username)} is blank or padded with whitespace`, fix);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(username)) throw fail(`${prop} has a control character`, fix);
  if (username.includes(":")) {
    throw fail(
      `${prop} ${JSON.stringify(username)} has a ":", where registry sign-in (HTTP basic authentication) ends the user name`,
      "use the registry's user name without ':'; robot accounts such as Quay's use '+' instead",
    );
  }
  const bytes = Buffer.byteLength(username, "utf8");
  if (bytes > 65536) {
    throw fail(`${prop} is ${bytes} bytes, more than a Secrets Manager secret holds (65,536)`, fix);
  }
}

// Which partition a region's name puts it in (AWS General Reference, "Partitions"): China's regions start cn-,
// GovCloud's us-gov-, the isolated ones us-iso-, us-isob-, eu-isoe- and us-isof-; every other region is in aws.
const PARTITION_PREFIXES: Record<string, string> = {
  "aws-cn": "cn-",
  "aws-us-gov": "us-gov-",
  "aws-iso": "us-iso-",
  "aws-iso-b": "us-isob-",
  "aws-iso-e": "eu-isoe-",
  "aws-iso-f": "us-isof-",
  "aws-eusc": "eusc-",
};
const REGION_NAME = /^[a-z]+(?:-[a-z]+)+-\d+$/;

/**
 * A literal ARN's region has a region's shape and belongs to the ARN's partition. Whether the region exists is
 * left to AWS on purpose: a list of regions here would refuse the next one AWS opens; so is a partition this
 * table does not know.
 */
export function checkArnRegion(fail: Fail, prop: string, arn: string, partition: string, region: string): void {
  if (!REGION_NAME.test(region)) {
    throw fail(`${prop} "${arn}" names "${region}", which is not a region name`, "use a region such as eu-west-1");
  }
  const expected = PARTITION_PREFIXES[partition];
  const inPartition =
    expected !== undefined
      ? region.startsWith(expected)
      : partition !== "aws" || !Object.values(PARTITION_PREFIXES).some((p) => region.startsWith(p));
  if (!inPartition) {
    throw fail(
      `${prop} "${arn}" puts region ${region} in partition ${partition}, which does not hold it`,
      "copy the ARN from the console or the CLI, whose partition and region agree",
    );
  }
}

/** An IAM role ARN in any partition (IAM has no region). */
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,512}$/;
// The same shape as a Terraform regular expression (RE2), for a reference checked at plan.
const ROLE_ARN_PATTERN = "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}$";

/** A role given by ARN (a task's, a job's, a service's): a literal is checked now, a variable's value at plan. */
export function checkRoleArn(
  fail: Fail,
  prop: string,
  arn: string | undefined,
  fix = "give the role's ARN, arn:<partition>:iam::<account>:role/<name>",
): void {
  if (arn === undefined) return;
  if (Token.isUnresolved(arn)) {
    checkAtPlan(fail, arn, Fn.can(Fn.regex(ROLE_ARN_PATTERN, arn)), `${prop} is not an IAM role ARN`, fix);
    return;
  }
  if (!ROLE_ARN.test(arn)) throw fail(`${prop} "${arn}" is not an IAM role ARN`, fix);
}
