import { describe, expect, it } from 'vitest';
import { indexedBase } from './indexed-names.js';

describe('indexedBase', () => {
  it.each([
    ['tf_aws_subnet/aws_subnet.private[0]', 'tf_aws_subnet/aws_subnet.private'],
    ['tf_aws_iam_user/aws_iam_user.users["foo.bar"]', 'tf_aws_iam_user/aws_iam_user.users'],
    ['tf_aws_instance/module.a[1].aws_instance.this[12]', 'tf_aws_instance/module.a[1].aws_instance.this'],
    ['tf_x/x.y["a]b"]', 'tf_x/x.y'],
  ])('%s answers %s', (ref, base) => expect(indexedBase(ref)).toBe(base));

  it.each(['tf_aws_vpc/aws_vpc.main', 'server/[0]', 'disk/x[', 'k8s_service/shop/cart'])(
    '%s has no instance key',
    (ref) => expect(indexedBase(ref)).toBeUndefined(),
  );
});
