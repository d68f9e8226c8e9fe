import { describe, expect, it } from 'vitest';
import { fillTemplate, firstName, unknownFields, withoutFields } from './merge-fields';

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
  it('read a template without its fields, taking the punctuation and spaces they leave', () => {
    expect(withoutFields('Hi {{first_name}}, spring minis are open!')).toBe('Hi, spring minis are open!');
    expect(withoutFields('{{first_name}}, your gallery')).toBe('your gallery');
    expect(withoutFields('News for {{ name }} ({{company}})')).toBe('News for');
    expect(withoutFields('{{first_name}} {{company}}: {{shoot_title}}, {{shoot_date}}, booked')).toBe('booked');
    expect(withoutFields('Plain subject')).toBe('Plain subject');
    expect(withoutFields('{{first_name}}')).toBe('');
  });
});
