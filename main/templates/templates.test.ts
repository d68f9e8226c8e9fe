import { describe, expect, it } from 'vitest';
import { composeInput, templateInput, templatePreviewInput } from '../api/schemas';
import { setup } from '../compose/test-setup';
import { missingFields } from '../domain/merge-fields';
import { templatePreview } from './template-preview';
import { templatesStore } from './templates-store';

const TEMPLATE = { subject: 'Your {{shoot_title}}', bodyText: 'Hi {{first_name}}, see you on {{shoot_date}}.', format: 'text' as const };

function withShoot() {
  const t = setup();
  const ann = t.add('Ann Lee', 'ann@example.com');
  t.db.prepare(`INSERT INTO shoots (title, client_id, shoot_date, created_at, updated_at) VALUES ('Lee wedding', ?, '2027-06-20', 1, 1)`).run(ann);
  return { ...t, ann };
}

describe('templates', () => {
  it('are saved, listed by name, replaced in place, refused under a taken name, and deleted', () => {
    const { db } = setup();
    const store = templatesStore(db);
    const first = store.save(templateInput.parse({ name: 'Booking', ...TEMPLATE }), 5);
    expect(first).toEqual({ id: first.id, name: 'Booking', subject: TEMPLATE.subject, format: 'text', bodyText: TEMPLATE.bodyText, bodyHtml: '', updatedAt: 5 });
    store.save(templateInput.parse({ name: 'Aftercare', subject: 'Thanks', bodyText: 'x' }), 6);
    expect(store.list().map((t) => t.name)).toEqual(['Aftercare', 'Booking']);
    expect(store.save(templateInput.parse({ id: first.id, name: 'Booking', subject: 'New', bodyText: 'y' }), 7)).toMatchObject({ id: first.id, subject: 'New', updatedAt: 7 });
    expect(() => store.save(templateInput.parse({ name: 'BOOKING', subject: 'x' }), 8)).toThrow(/already exists/);
    expect(store.delete(first.id)).toBe(true);
    expect(store.list().map((t) => t.name)).toEqual(['Aftercare']);
  });

  it("a single email's fields are filled from its recipient and their shoot; one without a value is refused and nothing is stored", () => {
    const { db, ann, send } = withShoot();
    expect(() => send(composeInput.parse({ to: [{ address: 'stranger@example.com' }], tracking: 'off', ...TEMPLATE })))
      .toThrow('No value for {{shoot_title}}, {{first_name}}, {{shoot_date}} for stranger@example.com');
    expect(() => send(composeInput.parse({ to: [{ contactId: ann }], tracking: 'off', subject: 'x', bodyText: '{{frist_name}}' }))).toThrow(/Unknown merge field: \{\{frist_name\}\}/);
    expect(db.prepare('SELECT count(*) AS n FROM emails').get()).toEqual({ n: 0 });
    // A field in a rich body left behind by switching to plain text is not sent, so it refuses nothing.
    const { emailId } = send(composeInput.parse({ to: [{ contactId: ann }], tracking: 'off', ...TEMPLATE, bodyHtml: '<p>{{company}}</p>' }));
    expect(db.prepare('SELECT subject, body_text AS text FROM emails WHERE id = ?').get(emailId)).toEqual({ subject: 'Your Lee wedding', text: 'Hi Ann, see you on 2027-06-20.' });
  });

  it('preview a single email as it would go out, naming the fields without a value', () => {
    const { db, ann } = withShoot();
    const preview = templatePreview(db);
    expect(preview(templatePreviewInput.parse({ ...TEMPLATE, for: { kind: 'email', to: { contactId: ann } } })))
      .toEqual({ subject: 'Your Lee wedding', bodyText: 'Hi Ann, see you on 2027-06-20.', bodyHtml: '', filledFor: 'Ann Lee', unknown: [], missing: [], missingInList: {} });
    expect(preview(templatePreviewInput.parse({ ...TEMPLATE, bodyText: 'Hi {{first_name}} {{nope}}', for: { kind: 'email', to: { address: 'x@example.com' } } })))
      .toMatchObject({ bodyText: 'Hi  {{nope}}', filledFor: 'x@example.com', unknown: ['nope'], missing: ['shoot_title', 'first_name'] });
  });

  it("preview a dispatch for its first contact, counting the list's contacts without a value per field", () => {
    const { db, add } = withShoot();
    add('Bo Ray', 'bo@example.com');
    const p = templatePreview(db)(templatePreviewInput.parse({ ...TEMPLATE, for: { kind: 'dispatch', filter: { purpose: 'client mail' } } }));
    expect(p).toMatchObject({ subject: 'Your Lee wedding', filledFor: 'Ann Lee', missing: [], missingInList: { shoot_title: 1, shoot_date: 1 } });
  });

  it('name a field without a value once, blank counting as none', () => {
    expect(missingFields('{{first_name}} {{ first_name }} {{company}} {{nope}}', { first_name: ' ', company: 'B&V' })).toEqual(['first_name']);
  });
});
