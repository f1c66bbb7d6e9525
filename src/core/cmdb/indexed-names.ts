/**
 * Instance names. Terraform names the instances of a resource with `count` or `for_each` by the
 * resource's address and a key (`aws_subnet.private[0]`, `aws_iam_user.u["ann"]`), while a
 * dependency recorded in another state names the resource (`aws_subnet.private`). So a reference
 * waiting for `class/name` is answered by `class/name` itself and by every `class/name[key]`.
 */

const TRAILING_KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]["]*)\]$/;

/** `tf_aws_subnet/aws_subnet.private[0]` → `tf_aws_subnet/aws_subnet.private`; undefined without a key. */
export function indexedBase(ref: string): string | undefined {
  const match = TRAILING_KEY.exec(ref);
  if (!match || match.index === 0 || ref[match.index - 1] === '/') return undefined;
  return ref.slice(0, match.index);
}
