import { expect, type Page } from '@playwright/test';

export const go = (page: Page, section: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();

/** What a first-day user does: a client with two addresses, their shoot, and Preferences. */
export async function enterData(page: Page) {
  await go(page, 'Contacts');
  await page.getByRole('link', { name: 'New contact' }).click();
  const form = page.getByRole('form', { name: 'Contact' });
  await form.getByLabel('Name').fill('Ann Lee');
  await form.getByLabel('Company').fill('Bloom & Vine');

  // A bad address is refused in place, naming the field.
  await form.getByLabel('Address').first().fill('ann@');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert').first()).toContainText(/address/i);

  await form.getByLabel('Address').first().fill('ann@example.com');
  await form.getByRole('button', { name: 'Add address' }).click();
  await form.getByLabel('Address').nth(1).fill('ann.news@example.org');
  const second = form.getByTestId('address-row').nth(1);
  await second.getByRole('checkbox', { name: 'client mail' }).uncheck();
  await second.getByRole('checkbox', { name: 'newsletter' }).check();
  await second.getByLabel('Tracking consent').selectOption('granted');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved');
  await expect(page.getByRole('list', { name: 'Contact list' })).toContainText('Ann Lee');

  await go(page, 'Shoots');
  await page.getByRole('link', { name: 'New shoot' }).click();
  const shoot = page.getByRole('form', { name: 'Shoot' });
  await shoot.getByLabel('Title').fill('Lee wedding');
  await shoot.getByLabel('Client').selectOption({ label: 'Ann Lee' });
  await shoot.getByLabel('Date').fill('2027-06-20');
  await shoot.getByLabel('Location').fill('Old Mill, Bath');
  await shoot.getByLabel('Status').selectOption('booked');
  await shoot.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Shoot list' })).toContainText('Lee wedding');

  await go(page, 'Preferences');
  const prefs = page.getByRole('form', { name: 'Preferences' });
  await prefs.getByLabel('SMTP server').fill('smtp.example.com');
  await prefs.getByLabel('SMTP port').fill('465');
  await prefs.getByLabel('SMTP security').selectOption('tls');
  await prefs.getByLabel('SMTP user name').fill('ann@studio.example');
  await prefs.getByRole('textbox', { name: 'SMTP password' }).fill('correct horse');
  await prefs.getByLabel('From address').fill('ann@studio.example');
  await prefs.getByLabel('Tracking').selectOption('opens');
  await prefs.getByLabel('Relay URL').fill('https://relay.example.com');
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await expect(prefs.getByRole('status')).toHaveText('Saved');
}

/** After a restart everything is found again, and the password is never shown back. */
export async function findData(page: Page) {
  await go(page, 'Contacts');
  await page.getByRole('list', { name: 'Contact list' }).getByRole('link', { name: /Ann Lee/ }).click();
  const form = page.getByRole('form', { name: 'Contact' });
  await expect(form.getByLabel('Address').first()).toHaveValue('ann@example.com');
  await expect(form.getByLabel('Address').nth(1)).toHaveValue('ann.news@example.org');
  await expect(form.getByTestId('address-row').nth(1).getByRole('checkbox', { name: 'newsletter' })).toBeChecked();
  await expect(form.getByTestId('address-row').nth(1).getByLabel('Tracking consent')).toHaveValue('granted');

  await go(page, 'Shoots');
  await page.getByRole('list', { name: 'Shoot list' }).getByRole('link', { name: /Lee wedding/ }).click();
  const shoot = page.getByRole('form', { name: 'Shoot' });
  await expect(shoot.getByLabel('Client')).toHaveValue(/\d+/);
  await expect(shoot.getByLabel('Client').locator('option:checked')).toHaveText('Ann Lee');
  await expect(shoot.getByLabel('Date')).toHaveValue('2027-06-20');
  await expect(shoot.getByLabel('Status')).toHaveValue('booked');

  await go(page, 'Preferences');
  const prefs = page.getByRole('form', { name: 'Preferences' });
  await expect(prefs.getByLabel('SMTP server')).toHaveValue('smtp.example.com');
  await expect(prefs.getByLabel('SMTP port')).toHaveValue('465');
  await expect(prefs.getByLabel('Tracking')).toHaveValue('opens');
  await expect(prefs.getByRole('textbox', { name: 'SMTP password' })).toHaveValue('');
  await expect(prefs.getByRole('textbox', { name: 'SMTP password' })).toHaveAttribute('placeholder', /stored/);
  expect(await page.content()).not.toContain('correct horse');

  // Every section opens; the Outbox is empty but ready.
  await go(page, 'Outbox');
  await expect(page.getByRole('table', { name: 'Emails' })).toBeVisible();
  await expect(page.getByText('No emails yet.')).toBeVisible();
  await go(page, 'Dashboard');
  await expect(page.getByText('1 contacts')).toBeVisible();
}
