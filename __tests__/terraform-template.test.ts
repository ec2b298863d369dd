import { escapeTemplate } from "../lib/private/terraform-template";

test("escapes Terraform template syntax but keeps cdktf token markers", () => {
  expect(escapeTemplate('a ${HOME} %{ if } ${TfToken[TOKEN.7]} $x %d')).toBe('a $${HOME} %%{ if } ${TfToken[TOKEN.7]} $x %d');
});
