/**
 * Reads a JSON document argument as the library synthesizes it: plain JSON, or `${jsonencode({...})}` when the
 * document holds references. References come back as `${reference}` strings, so tests can compare them with
 * `stack.resolve(resource.arn)`. Handles exactly the HCL subset cdktf writes for jsonencode arguments.
 */
export function decodeDocument(argument: string): any {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(argument);
  if (!match) return JSON.parse(argument);
  const parser = new ExpressionParser(match[1]);
  const value = parser.value();
  parser.end();
  return value;
}

class ExpressionParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  public value(): any {
    this.skip();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    // A number first: a bare reference may hold brackets (`x[0]`), a number in a list must not take its "]".
    const bare = (/^-?\d+(\.\d+)?(e[+-]?\d+)?(?![A-Za-z_])/.exec(this.text.slice(this.pos)) ??
      /^[A-Za-z0-9_.\-[\]"*]+/.exec(this.text.slice(this.pos))!)[0];
    this.pos += bare.length;
    if (bare === "true" || bare === "false") return bare === "true";
    if (bare === "null") return null;
    if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(bare)) return Number(bare);
    return `\${${bare}}`;
  }

  public end(): void {
    this.skip();
    if (this.pos !== this.text.length) throw new Error(`unparsed: ${this.text.slice(this.pos, this.pos + 40)}`);
  }

  private object(): Record<string, any> {
    const result: Record<string, any> = {};
    this.expect("{");
    while (!this.peek("}")) {
      const key = this.string();
      this.expect("=");
      result[key] = this.value();
      if (!this.peek("}")) this.expect(",");
    }
    this.expect("}");
    return result;
  }

  private array(): any[] {
    const result: any[] = [];
    this.expect("[");
    while (!this.peek("]")) {
      result.push(this.value());
      if (!this.peek("]")) this.expect(",");
    }
    this.expect("]");
    return result;
  }

  private string(): string {
    this.skip();
    this.expect('"');
    let out = "";
    const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"' };
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) throw new Error("unterminated string");
      if (c === '"') return out;
      if (c === "\\") out += escapes[this.text[this.pos++]];
      else if (this.text.startsWith("$${", this.pos - 1) || this.text.startsWith("%%{", this.pos - 1)) {
        out += `${c}{`;
        this.pos += 2;
      } else out += c;
    }
  }

  private skip(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private peek(c: string): boolean {
    this.skip();
    return this.text[this.pos] === c;
  }

  private expect(c: string): void {
    this.skip();
    if (this.text[this.pos] !== c) throw new Error(`expected ${c} at ${this.text.slice(this.pos, this.pos + 40)}`);
    this.pos++;
  }
}
