/** One entry of scripts/lines.js, the list of framework lines. */
export interface LineSpec {
  readonly framework: string;
  readonly provider: string;
  readonly awsMajor: number;
  readonly packageName: string;
  readonly packageDir: string;
  readonly bindings: string;
  readonly peers: Record<string, string>;
  readonly development: boolean;
}

// A CommonJS script, shared with jest.config.js.
const lines = require("../../scripts/lines") as {
  LINES: Record<string, LineSpec>;
  DEVELOPMENT_LINE: string;
  renameImports: (source: string, line: string) => string;
};

/** Every line, by name. */
export const LINES = lines.LINES;
/** The framework and provider line the suite runs against (see jest.config.js); tests expect its attribute names. */
export const LINE: string = (globalThis as { PROVIDER_LINE?: string }).PROVIDER_LINE ?? lines.DEVELOPMENT_LINE;
/** This line's entry. */
export const LINE_SPEC: LineSpec = LINES[LINE]!;
/** The development line, where every suite runs. */
export const DEVELOPMENT = LINE_SPEC.development;
/** The module specifiers of the development line, renamed to `line`'s. */
export const renameImports: (source: string, line: string) => string = lines.renameImports;
/** AWS provider 6 bindings: @cdktf/provider-aws 21 or @cdktn/provider-aws 25. */
export const AWS6 = LINE_SPEC.awsMajor >= 6;
/** The compute environment's name argument on this line. */
export const CE_NAME = AWS6 ? "name" : "compute_environment_name";
/** The attribute of data.aws_region that holds the region on this line. */
export const REGION_ATTRIBUTE = AWS6 ? "region" : "name";
