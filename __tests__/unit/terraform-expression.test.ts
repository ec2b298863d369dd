import { literalArgument, literalForExpression } from "../../lib/private/terraform-expression";

test("escapes what would end or template a quoted Terraform string, and keeps cdktf token markers", () => {
  expect(literalForExpression('say "hi" \\ ${HOME} %{ if } $${x} ${TfToken[TOKEN.1]}\t\r')).toBe(
    'say \\"hi\\" \\\\ \\u0024{HOME} %%{ if } $\\u0024{x} ${TfToken[TOKEN.1]}\\t\\r',
  );
});

test("a plain argument doubles what would start a template, and keeps cdktf token markers and everything else", () => {
  expect(literalArgument('say "hi" \\ ${HOME} %{ if } $x {y} ${TfToken[TOKEN.1]}')).toBe(
    'say "hi" \\ $${HOME} %%{ if } $x {y} ${TfToken[TOKEN.1]}',
  );
});
