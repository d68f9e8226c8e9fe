import { describe, expect, it } from 'vitest';
import { fillTemplate, firstName, unknownFields } from './merge-fields';

describe('merge fields', () => {
  it('fill known fields, leave unknown ones visible, and escape values in HTML', () => {
    const values = { first_name: firstName('Ann Lee'), shoot_date: '2027-06-20', company: 'B&V <Events>' };
    expect(fillTemplate('Hi {{first_name}}, see you {{ shoot_date }} ({{company}}) {{nope}}', values, false)).toBe('Hi Ann, see you 2027-06-20 (B&V <Events>) {{nope}}');
    expect(fillTemplate('<p>{{company}}</p>', values, true)).toBe('<p>B&#38;V &#60;Events&#62;</p>');
    expect(fillTemplate('{{shoot_location}}.', values, false)).toBe('.');
  });
  it('name unknown fields once each', () => {
    expect(unknownFields('{{first_name}} {{frist_name}} {{frist_name}} {{x}}')).toEqual(['frist_name', 'x']);
  });
});
