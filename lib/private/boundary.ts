import * as fs from "fs";
import * as path from "path";
import { Token } from "cdktf";
import { checkEnum } from "./enums";
import { Fail } from "./fail";

// What every public constructor, factory and method receives is checked against the package's jsii assembly
// (`.jsii`, shipped beside `build/`): the API's own description of every prop, its type and whether it is optional.
// TypeScript's types hold only for TypeScript callers; JavaScript callers reach us with anything, and would
// otherwise get a TypeError from deep inside a construct. One walk over the assembly's types covers every prop of
// every struct, so a new prop is checked the day it is added.

interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: "array" | "map"; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}

interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly static?: boolean;
}

interface AssemblyType {
  readonly kind: "class" | "interface" | "enum";
  readonly name: string;
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly properties?: Property[];
}

interface Assembly {
  readonly name: string;
  readonly types: Record<string, AssemblyType>;
}

let loaded: Assembly | null | undefined;

/**
 * The nearest `.jsii` above this file: the package's (installed, built or, in the tests, the sources'). An app
 * bundled without it gets no boundary checks, only the constructs' own; a stale one (sources edited since the last
 * build) may miss a new prop, which `npm test` prevents by building first.
 */
function assembly(): Assembly | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, ".jsii");
    if (fs.existsSync(file)) {
      loaded = JSON.parse(fs.readFileSync(file, "utf8")) as Assembly;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  return loaded;
}

/**
 * Checks `value`, given as `prop`, against the assembly's type `type` (relative to the package:
 * `"ecs.TaskDefinitionProps"`, or a primitive: `"string"`). A missing value is refused unless `optional`; a
 * Terraform reference passes anywhere, as do types the assembly does not describe (the framework's, or a prop newer
 * than the last build).
 */
export function checkInput(fail: Fail, prop: string, value: unknown, type: string, optional = false): void {
  const spec = assembly();
  if (spec === null) return;
  const ref: TypeRef = ["string", "number", "boolean", "any", "json"].includes(type)
    ? { primitive: type }
    : { fqn: `${spec.name}.${type}` };
  walk(spec, fail, prop, value, ref, optional);
}

function walk(spec: Assembly, fail: Fail, prop: string, value: unknown, ref: TypeRef, optional: boolean): void {
  if (value === undefined || value === null) {
    if (optional) return;
    throw fail(`${prop} is missing`, `give ${prop}, ${typeName(spec, ref)}`);
  }
  const type = ref.fqn === undefined ? undefined : spec.types[ref.fqn];
  // An enum value, literal or a reference (which checkEnum leaves to plan).
  if (type?.kind === "enum") {
    const members = enumObject(spec, ref.fqn!) as Record<string, string>;
    checkEnum(fail, prop, value as string, members, localName(spec, ref.fqn!));
    return;
  }
  if (Token.isUnresolved(value)) return;
  const refuse = () =>
    fail(`${prop} is ${valueName(value)}, not ${typeName(spec, ref)}`, `give ${prop} as ${typeName(spec, ref)}`);
  if (ref.primitive !== undefined) {
    if (["string", "number", "boolean"].includes(ref.primitive) && typeof value !== ref.primitive) throw refuse();
    return;
  }
  if (ref.union !== undefined) return;
  if (ref.collection !== undefined) {
    const element = ref.collection.elementtype;
    if (ref.collection.kind === "array") {
      if (!Array.isArray(value)) throw refuse();
      value.forEach((item, i) => walk(spec, fail, `${prop}[${i}]`, item, element, false));
    } else {
      if (typeof value !== "object" || Array.isArray(value)) throw refuse();
      for (const [key, item] of Object.entries(value))
        walk(spec, fail, `${prop}[${JSON.stringify(key)}]`, item, element, false);
    }
    return;
  }
  if (type === undefined) {
    // The framework's types (a Construct, a role of the provider's): an object is all that can be said.
    if (typeof value !== "object" && typeof value !== "function") throw refuse();
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) throw refuse();
  if (type.kind === "class" && !isInstanceOf(value, type.name)) throw refuse();
  if (type.kind === "interface" && type.datatype) {
    for (const property of structProperties(spec, ref.fqn!)) {
      walk(
        spec,
        fail,
        `${prop}.${property.name}`,
        (value as Record<string, unknown>)[property.name],
        property.type,
        property.optional === true,
      );
    }
  }
}

const propertiesOf = new Map<string, Property[]>();

/** The properties of a struct, its bases' included (worked out once per struct). */
function structProperties(spec: Assembly, fqn: string): Property[] {
  let properties = propertiesOf.get(fqn);
  if (properties === undefined) {
    const type = spec.types[fqn];
    properties = [
      ...(type?.properties ?? []),
      ...(type?.interfaces ?? []).flatMap((base) => structProperties(spec, base)),
    ];
    propertiesOf.set(fqn, properties);
  }
  return properties;
}

/**
 * Whether `value` is an instance of a class of ours by that name, by its prototype chain's constructors' names: an
 * app may load two copies of the package, whose classes are not each other's.
 */
function isInstanceOf(value: object, className: string): boolean {
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === className) return true;
  }
  return false;
}

/** The runtime enum object of an assembly enum, from the package's own exports (loaded by then: a caller is here). */
function enumObject(spec: Assembly, fqn: string): Record<string, unknown> {
  // Required lazily: index.ts imports this file's callers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let scope: Record<string, unknown> = require("../index");
  for (const part of localName(spec, fqn).split(".")) scope = scope[part] as Record<string, unknown>;
  return scope;
}

function localName(spec: Assembly, fqn: string): string {
  return fqn.startsWith(`${spec.name}.`) ? fqn.slice(spec.name.length + 1) : fqn;
}

/** A type as the README names it: `a string`, `a list of ecs.PortMapping`, `an ecs.Compatibility`. */
function typeName(spec: Assembly, ref: TypeRef): string {
  if (ref.primitive !== undefined)
    return ref.primitive === "any" || ref.primitive === "json" ? "a value" : `a ${ref.primitive}`;
  if (ref.collection !== undefined) {
    const element = typeName(spec, ref.collection.elementtype).replace(/^an? /, "");
    return ref.collection.kind === "array" ? `a list of ${element}` : `a map of ${element}`;
  }
  if (ref.union !== undefined) return "a value";
  const name = localName(spec, ref.fqn!);
  return `${/^[AEIOUaeiou]/.test(name) ? "an" : "a"} ${name}`;
}

/** What a caller gave, said without printing a whole object. */
function valueName(value: unknown): string {
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "function") return "a function";
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}
