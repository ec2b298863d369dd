/** An extra MIME part of an instance's user data, e.g. your own `text/x-shellscript` or `text/cloud-config`. */
export interface UserDataPart {
  /** MIME type, e.g. `text/x-shellscript`, `text/cloud-config`, `text/cloud-boothook`. */
  readonly contentType: string;
  /** The part's body. */
  readonly content: string;
}
