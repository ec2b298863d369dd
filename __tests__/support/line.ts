/** The framework and provider line the suite runs against (see jest.config.js); tests expect its attribute names. */
export const LINE: string = (globalThis as { PROVIDER_LINE?: string }).PROVIDER_LINE ?? "cdktf-aws5";
/** AWS provider 6 bindings: @cdktf/provider-aws 21 or @cdktn/provider-aws 25. */
export const AWS6 = LINE !== "cdktf-aws5";
/** The compute environment's name argument on this line. */
export const CE_NAME = AWS6 ? "name" : "compute_environment_name";
/** The attribute of data.aws_region that holds the region on this line. */
export const REGION_ATTRIBUTE = AWS6 ? "region" : "name";
