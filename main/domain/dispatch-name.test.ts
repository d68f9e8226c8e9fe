import { describe, expect, it } from 'vitest';
import { dispatchName } from './dispatch-name';

describe('dispatchName', () => {
  it('names a dispatch by its subject without unfilled fields and its local day', () => {
    const at = new Date(2027, 2, 5, 23, 30).getTime();
    expect(dispatchName('Hi {{first_name}}, spring minis!', at)).toBe('Hi, spring minis! · 2027-03-05');
    expect(dispatchName('{{first_name}}', at)).toBe('Mail merge · 2027-03-05');
  });
});
